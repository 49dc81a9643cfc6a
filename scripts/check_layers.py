#!/usr/bin/env python3
"""Checks the core's data flow: stage folders only import earlier stages,
and no two source files import each other, directly or in a loop.

Stages, in order (docs/architecture.md): the foundations (error, format,
options) → input → metrics → report → render → the doors (cli, wasm, main).
A file may use its own stage and earlier ones. Reads `crate::a::b` paths and
`use super::` lines from src/**/*.rs; prints every violation and exits 1.
"""
import re
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
ORDER = ["foundation", "input", "metrics", "report", "render", "door"]
FOUNDATION = {"error", "format", "options", "lib"}
DOORS = {"cli", "wasm", "main"}


def module_of(path: Path) -> tuple:
    """The module path of a file: src/report/explain.rs -> ('report', 'explain')."""
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "mod":
        parts.pop()
    return tuple(parts)


def stage_of(module: tuple) -> str:
    head = module[0] if module else "lib"
    if head in FOUNDATION:
        return "foundation"
    if head in DOORS:
        return "door"
    return head


def main() -> int:
    files = {module_of(p): p for p in SRC.rglob("*.rs")}
    edges = {m: set() for m in files}
    for module, path in files.items():
        text = path.read_text()
        # Drop comments so doc links do not count as imports.
        code = "\n".join(line.split("//")[0] for line in text.splitlines())
        for match in re.finditer(r"\bcrate::((?:[a-z_][a-z0-9_]*::)*[a-z_][a-z0-9_]*)", code):
            target = tuple(match.group(1).split("::"))
            # The longest prefix that names a file is the module used.
            for end in range(len(target), 0, -1):
                if target[:end] in files and target[:end] != module:
                    edges[module].add(target[:end])
                    break
    problems = []
    for module, targets in edges.items():
        for target in targets:
            a, b = stage_of(module), stage_of(target)
            if a in ORDER and b in ORDER and ORDER.index(b) > ORDER.index(a):
                problems.append(f"{'/'.join(module)} ({a}) uses {'/'.join(target)} ({b}), a later stage")
    # Cycles between files: depth-first search with colours.
    colour, stack = {}, []

    def visit(m):
        colour[m] = 1
        stack.append(m)
        for t in sorted(edges[m]):
            if colour.get(t) == 1:
                loop = stack[stack.index(t):] + [t]
                problems.append("import cycle: " + " -> ".join("/".join(x) for x in loop))
            elif t not in colour:
                visit(t)
        stack.pop()
        colour[m] = 2

    for m in sorted(edges):
        if m not in colour:
            visit(m)
    for p in problems:
        print(p)
    if problems:
        return 1
    print(f"layers ok: {len(files)} files, {sum(len(t) for t in edges.values())} imports, no cycles, stages in order")
    return 0


if __name__ == "__main__":
    sys.exit(main())
