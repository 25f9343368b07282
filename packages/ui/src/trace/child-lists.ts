/** Each span's children in CSR form: the children of span s are `children[start[s] .. start[s + 1])`, in span order. */
export interface ChildLists {
  start: Int32Array;
  children: Int32Array;
}

/** Children lists from parent indexes (a negative parent: a root). */
export function childLists(count: number, parents: Int32Array): ChildLists {
  const start = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) if (parents[i]! >= 0) start[parents[i]! + 1]!++;
  for (let i = 0; i < count; i++) start[i + 1]! += start[i]!;
  const children = new Int32Array(start[count]!);
  const fill = start.slice(0, count);
  for (let i = 0; i < count; i++) if (parents[i]! >= 0) children[fill[parents[i]!]!++] = i;
  return { start, children };
}
