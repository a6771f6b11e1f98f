"""evaluator: multilingual machine-translation quality evaluation.

    from evaluator import evaluate
    report = evaluate("source.pl.txt", "mt.en.txt")

Importing the package is cheap: the model stack loads only when `evaluate` needs it.
"""
__version__ = "0.1.0"


def evaluate(*args, **kwargs):
    from .pipeline import evaluate as _evaluate

    return _evaluate(*args, **kwargs)


__all__ = ["evaluate", "__version__"]
