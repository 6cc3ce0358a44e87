#!/usr/bin/env python3
"""Adds English entries to a feature's en.json (or the shared Localization/en.json) and keeps the file sorted.
Usage: scripts/add-english.py entries.json [Feature]   (entries: a JSON object, Japanese text -> English text;
Feature: a folder under src/Tsunagu.Web/Features, e.g. Lectures; without it, the shared file)"""
import json, sys, pathlib
src = pathlib.Path(__file__).resolve().parent.parent / "src/Tsunagu.Web"
path = src / "Features" / sys.argv[2] / "en.json" if len(sys.argv) > 2 else src / "Localization/en.json"
english = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
for ja, en in json.loads(pathlib.Path(sys.argv[1]).read_text(encoding="utf-8")).items():
    english.setdefault(ja, en)
path.write_text(json.dumps(dict(sorted(english.items())), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
