export {};
//# sourceMappingURL=writer.js.map