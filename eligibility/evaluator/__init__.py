"""The reference evaluator: plain Python, three-valued, explaining every condition."""
