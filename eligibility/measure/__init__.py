"""The measuring layer: what a condition needs to know of a profile on a date, as typed values.

Both engines call it and only the decision differs: hours by occupation in a window with each job's
credit, the main occupation and the codes with enough experience; the language tests' levels and the
levels that apply; the recognized credentials; the job offer and the hours worked for its employer;
the family size and the amount the table asks; a grid's points per factor. Nothing here says pass or
fail: the condition kinds (``eligibility.kinds``) decide, natively or with durable-rules.
"""
