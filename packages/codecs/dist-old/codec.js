export {};
//# sourceMappingURL=codec.js.map