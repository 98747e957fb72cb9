#!/usr/bin/env python3
"""Adds or replaces strings in a .resx file (created if missing) from tab-separated lines on stdin, key TAB value, and
writes the file sorted by key. The key of an app text is its Chinese (zh-CN) wording; the value is the translation.

    printf '入围名单\tFinalists\n共 {0} 条\t{0} in all\n' | tools/resx.py Judging.App/Resources/Components/Pages/Organiser/Finalists.en.resx

A literal tab or newline in a value is written as \\t or \\n on the line. Also used for MudBlazor's own strings in
Chinese (Resources/Components/MudBlazorStrings.zh-CN.resx)."""
import os
import sys
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

path = sys.argv[1]
rows = {}
if os.path.exists(path):
    for data in ET.parse(path).getroot().findall("data"):
        rows[data.get("name")] = data.findtext("value") or ""
for line in sys.stdin.read().splitlines():
    if not line.strip():
        continue
    key, value = line.split("\t", 1)
    rows[key.replace("\\t", "\t").replace("\\n", "\n")] = value.replace("\\t", "\t").replace("\\n", "\n")
out = ['<?xml version="1.0" encoding="utf-8"?>', "<root>",
       '  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>',
       '  <resheader name="version"><value>2.0</value></resheader>',
       '  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>',
       '  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>']
for key in sorted(rows):
    out.append(f'  <data name="{escape(key, {chr(34): "&quot;"})}" xml:space="preserve"><value>{escape(rows[key])}</value></data>')
out.append("</root>")
os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
open(path, "w", encoding="utf-8").write("\n".join(out) + "\n")
