export {};
//# sourceMappingURL=v2-span.js.map