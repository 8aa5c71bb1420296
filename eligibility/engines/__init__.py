"""Evaluation backends other than the native evaluator of ``eligibility.evaluate``.

``durable`` drives the durable-rules C engine (an optional extra) as a three-valued matcher; see
``docs/engines.md`` for how and why.
"""

ENGINES: tuple[str, ...] = ("native", "durable")
