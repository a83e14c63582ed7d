// Placeholder entry; replaced by the preload implementation.
export {};
