export {};
//# sourceMappingURL=encoding.js.map