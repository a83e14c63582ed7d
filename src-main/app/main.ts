// Placeholder entry; replaced by the Electron main implementation.
export {};
