#!/usr/bin/env python3
"""Adds English entries to src/Tsunagu.Web/Localization/en.json and keeps the file sorted.
Usage: scripts/add-english.py entries.json   (a JSON object: Japanese text -> English text)"""
import json, sys, pathlib
path = pathlib.Path(__file__).resolve().parent.parent / "src/Tsunagu.Web/Localization/en.json"
english = json.loads(path.read_text(encoding="utf-8"))
for ja, en in json.loads(pathlib.Path(sys.argv[1]).read_text(encoding="utf-8")).items():
    english.setdefault(ja, en)
path.write_text(json.dumps(dict(sorted(english.items())), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
