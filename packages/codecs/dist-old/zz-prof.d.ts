export {};
//# sourceMappingURL=zz-prof.d.ts.map