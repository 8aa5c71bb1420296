"""Modern job titles that NOC 2021 V1.0 has no example title for, mapped to the unit group a careful
consultant would first consider, each with the reason. Search shows when one of these was used.

These are suggestions to check against the main duties, never a classification: the NOC
classifies the work done, and a title alone can point to more than one group.
"""

from __future__ import annotations

from attrs import frozen

from eligibility.record import Record


@frozen
class TitleHint(Record):
    """A modern title, the unit group it points to, and why."""

    title: str
    code: str
    reason: str


_DS = "builds and deploys machine learning or AI models, the work NOC 21211 (data scientists) describes"
_SE = "designs and builds software systems, the work of NOC 21231 (software engineers and designers)"

HINTS: tuple[TitleHint, ...] = (
    TitleHint("AI engineer", "21211", _DS),
    TitleHint("artificial intelligence engineer", "21211", _DS),
    TitleHint("MLOps engineer", "21211", _DS + "; if the work is mostly infrastructure, see also 21231"),
    TitleHint("LLM engineer", "21211", _DS),
    TitleHint("large language model engineer", "21211", _DS),
    TitleHint("deep learning engineer", "21211", _DS),
    TitleHint("computer vision engineer", "21211", _DS),
    TitleHint("NLP engineer", "21211", _DS),
    TitleHint("natural language processing engineer", "21211", _DS),
    TitleHint("applied scientist", "21211", _DS),
    TitleHint("research scientist machine learning", "21211", _DS),
    TitleHint(
        "prompt engineer",
        "21211",
        "designs and evaluates prompts and model behaviour for AI systems; closest is 21211; "
        "if the role mainly writes application code, see 21232",
    ),
    TitleHint(
        "AI trainer",
        "21211",
        "trains and evaluates AI models, an AI analyst task in 21211; if the work is only labelling data, "
        "a clerical group such as 14111 (data entry clerks) may fit better",
    ),
    TitleHint("platform engineer", "21231", _SE + " (NOC lists cloud and site reliability engineers here)"),
    TitleHint("infrastructure engineer", "21231", _SE + " (NOC lists cloud infrastructure engineer here)"),
    TitleHint("cloud DevOps engineer", "21231", _SE + " (NOC lists DevOps and cloud engineers here)"),
    TitleHint(
        "software development engineer in test", "21231", "NOC lists software testing engineer in 21231"
    ),
    TitleHint("mobile app developer", "21232", "writes mobile application code: 21232 (software developers)"),
    TitleHint(
        "Java developer", "21232", "writes application code in a language: 21232 (software developers)"
    ),
    TitleHint(
        "Python developer", "21232", "writes application code in a language: 21232 (software developers)"
    ),
    TitleHint(
        "blockchain developer", "21232", "writes application code, the work of 21232 (software developers)"
    ),
    TitleHint(
        "backend developer", "21232", "writes application code, the work of 21232 (software developers)"
    ),
    TitleHint("Salesforce developer", "21232", "writes application code on a vendor platform: 21232"),
    TitleHint("iOS developer", "21232", "writes mobile application code: 21232 (software developers)"),
    TitleHint("Android developer", "21232", "writes mobile application code: 21232 (software developers)"),
    TitleHint("ETL developer", "21223", "builds data pipelines and warehouses: 21223 (database analysts)"),
    TitleHint("BI developer", "21221", "NOC lists business intelligence specialist in 21221"),
    TitleHint("Power BI developer", "21221", "NOC lists business intelligence specialist in 21221"),
    TitleHint(
        "scrum master",
        "21222",
        "coordinates IT delivery; NOC has no agile titles; 21222 or 20012 if managing",
    ),
    TitleHint("product owner", "21221", "analyses business needs for IT systems, the work of 21221"),
    TitleHint("SAP consultant", "21221", "NOC lists ERP and business systems analysts in 21221"),
    TitleHint(
        "penetration tester",
        "21220",
        "tests systems for security weaknesses: 21220 (cybersecurity specialists)",
    ),
    TitleHint(
        "ethical hacker", "21220", "tests systems for security weaknesses: 21220 (cybersecurity specialists)"
    ),
    TitleHint("SOC analyst", "21220", "monitors security events: 21220 (cybersecurity specialists)"),
    TitleHint(
        "UI designer", "21233", "designs interfaces of websites and applications: 21233 (web designers)"
    ),
    TitleHint(
        "UX UI designer", "21233", "designs interfaces of websites and applications: 21233 (web designers)"
    ),
    TitleHint("QA tester", "22222", "tests software to plans written by others: 22222 (testing technicians)"),
    TitleHint(
        "manual tester", "22222", "tests software to plans written by others: 22222 (testing technicians)"
    ),
    TitleHint(
        "software tester", "22222", "tests software to plans written by others: 22222 (testing technicians)"
    ),
    TitleHint(
        "system administrator", "22220", "keeps servers and networks running: 22220 (network technicians)"
    ),
    TitleHint("IT support specialist", "22221", "helps users with hardware and software: 22221"),
)
