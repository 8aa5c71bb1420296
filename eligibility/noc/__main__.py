"""`python -m eligibility.noc ...` runs the NOC commands on their own."""

from eligibility.noc_cli import main

main()
