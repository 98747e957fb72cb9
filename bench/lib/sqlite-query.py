"""Runs one SQL query on an SQLite file and prints the rows, one a line, columns separated by '|' (like psql -At)."""
import sqlite3
import sys

for row in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in row))
