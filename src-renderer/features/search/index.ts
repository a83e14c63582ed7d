export { SearchPalette } from './SearchPalette';
export { useLiveSearchIndex } from './use-live-search';
