export {};
//# sourceMappingURL=real-clients.test.d.ts.map