"""Evaluation engines behind one protocol: the native reference evaluator and durable-rules.

``Engine`` is what ``evaluate`` drives; ``NativeEngine`` and ``DurableEngine`` implement it, and
``engine_named`` turns a name from the command line or the API into one. See ``docs/engines.md``.
"""
