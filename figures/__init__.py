"""figures: check the numbers in the news against each other.

The Python API, one subpackage a stage, usable from a notebook::

    from figures.read import read_corpus
    from figures.table import extract
    from figures.rules import load_rules
    from figures.check import check
    from figures.report import markdown_report

    corpus = read_corpus(["articles/"])
    table = extract(corpus.documents)          # pandas DataFrame, one typed row a figure
    findings = check(table, load_rules(["rules/"]))
    print(markdown_report(findings, table, corpus.report))

The package itself imports nothing heavy: the pytest plugin loads it in every
pytest run of an environment where figures is installed.
"""

__version__ = "0.1.0"
