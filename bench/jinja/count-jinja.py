#!/usr/bin/python3
"""Counts what a corpus of Jinja2 templates uses: filters, tests, statements and loop attributes, by parsing each
template with Jinja2 itself (python3-jinja2, which Debian's ansible brings) as Ansible sets it up.

  count-jinja.py DIR...        every *.j2 under each DIR; prints a Markdown table per kind: name, uses, templates

A name counts once a use; 'templates' is how many templates use it at least once.
"""
import collections
import os
import sys

import jinja2
from jinja2 import nodes

KINDS = ("filter", "test", "statement", "loop attribute", "global")
STATEMENTS = {nodes.For: "for", nodes.If: "if", nodes.Macro: "macro", nodes.Assign: "set", nodes.AssignBlock: "set block",
              nodes.Include: "include", nodes.Import: "import", nodes.FromImport: "from import", nodes.Extends: "extends",
              nodes.Block: "block", nodes.CallBlock: "call", nodes.FilterBlock: "filter block", nodes.With: "with"}


def parse(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    env = jinja2.Environment(trim_blocks=True)
    if text.startswith("#jinja2:"):
        eol = text.find("\n")
        text = text[eol + 1:]
    return env.parse(text), text


def uses(tree, text):
    for n in tree.find_all(nodes.Filter):
        yield "filter", n.name
    for n in tree.find_all(nodes.Test):
        yield "test", n.name
    for cls, name in STATEMENTS.items():
        for _ in tree.find_all(cls):
            yield "statement", name
    for n in tree.find_all(nodes.Getattr):
        if isinstance(n.node, nodes.Name) and n.node.name == "loop":
            yield "loop attribute", "loop." + n.attr
    for n in tree.find_all(nodes.Call):
        if isinstance(n.node, nodes.Name):
            yield "global", n.node.name + "()"
    if "{% raw %}" in text or "{%- raw" in text:
        yield "statement", "raw"
    for marker in ("{%-", "-%}", "{{-", "-}}", "{%+", "+%}"):
        for _ in range(text.count(marker)):
            yield "statement", "whitespace control " + marker


def main(dirs):
    counts = {k: collections.Counter() for k in KINDS}
    templates = {k: collections.Counter() for k in KINDS}
    total = 0
    for d in dirs:
        for root, _, files in os.walk(d):
            for name in sorted(files):
                if not name.endswith(".j2"):
                    continue
                total += 1
                path = os.path.join(root, name)
                try:
                    tree, text = parse(path)
                except jinja2.TemplateSyntaxError as e:
                    print(f"{path}: does not parse: {e}", file=sys.stderr)
                    continue
                seen = set()
                for kind, name in uses(tree, text):
                    counts[kind][name] += 1
                    seen.add((kind, name))
                for kind, name in seen:
                    templates[kind][name] += 1
    print(f"{total} templates\n")
    for kind in KINDS:
        print(f"| {kind} | uses | templates |\n|---|---|---|")
        for name, n in sorted(counts[kind].items(), key=lambda kv: (-templates[kind][kv[0]], -kv[1], kv[0])):
            print(f"| {name} | {n} | {templates[kind][name]} |")
        print()


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
