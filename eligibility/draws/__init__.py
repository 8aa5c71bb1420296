"""Express Entry rounds of invitations: the table, the live feed, and the rounds a score would have met."""
