"""The CI gate: a report plus a policy gives pass/fail; batches, baselines, CI outputs, comparisons.

    policy.py      the policy file (TOML) and its validation
    rules.py       judging one report against a policy (after the baseline)
    baseline.py    accepted findings by stable fingerprint
    batch.py       pairing a delivery's source and target files
    run.py         scoring a delivery with one embedder; writing the output folder
    summary.py     per-document summaries and totals (summary.json)
    render.py      plain-text verdicts and the Markdown job summary
    junit.py       JUnit XML
    annotations.py GitHub Actions annotations, GitLab Code Quality
    bootstrap.py   paired bootstrap resampling
    compare.py     system A vs system B
"""
