"""The 100k-inquiry register of bench/web.py: generated from the real Sejm corpus, written with bulk_create.

The data is written with bulk_create, bypassing the registry services: they log events and compute each deadline
one row at a time, which would make building 100k records take most of an hour. Deadlines are still computed by the
law module, statuses follow from the stored dates, and the search index is built by the search app's own
`index_inquiries()`. Subjects and texts are sampled from ../shared/corpus/sejm-replies/replies.jsonl.
"""

import json
import random
import re
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "sejm-replies" / "replies.jsonl"
GIVEN = [
    "Anna",
    "Piotr",
    "Katarzyna",
    "Tomasz",
    "Magdalena",
    "Paweł",
    "Agnieszka",
    "Marcin",
    "Joanna",
    "Michał",
    "Ewa",
    "Krzysztof",
    "Monika",
    "Jakub",
]
FAMILY = [
    "Nowak",
    "Kowalski",
    "Wiśniewski",
    "Wójcik",
    "Kamiński",
    "Lewandowski",
    "Zieliński",
    "Szymański",
    "Woźniak",
    "Dąbrowski",
    "Kozłowski",
]
DEPARTMENTS = ["WSR", "KPM", "WIM", "WGK", "WOŚ", "WE", "WK", "WZ", "WB", "WF", "WOR", "WPS"]


def corpus() -> tuple[list[str], list[str]]:
    """Subjects (titles without "Interpelacja w sprawie") and paragraphs of the replies."""
    subjects, paragraphs = [], []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        reply = json.loads(line)
        subjects.append(re.sub(r"^(Interpelacja|Zapytanie)\s+w sprawie\s+", "", reply["tytul"]).strip())
        for part in re.split(r"\n\s*\n", reply.get("tresc", "").replace("\r", "")):
            part = " ".join(part.split())
            if 80 <= len(part) <= 700:
                paragraphs.append(part)
    return subjects, paragraphs


def generate(n: int, today: date, seed: int = 6) -> None:
    """n published inquiries in two councils, 85% of the older ones answered, with authors, departments, events."""
    from django.db import transaction

    from interpel.law.deadlines import deadline
    from interpel.registry.models import (
        Answer,
        Body,
        Club,
        ClubMembership,
        Department,
        Event,
        Inquiry,
        InquiryAuthor,
        Person,
        Term,
    )

    rng = random.Random(seed)
    subjects, paragraphs = corpus()
    bodies = [
        Body.objects.create(
            name="Rada Miasta Benchmarkowa",
            slug="benchmark",
            level="gmina",
            executive="Prezydent Miasta Benchmarkowa",
        ),
        Body.objects.create(
            name="Rada Powiatu Próbnego", slug="probny", level="powiat", executive="Starosta Próbny"
        ),
    ]
    setup: dict[int, dict[str, list]] = {}
    for b, body in enumerate(bodies):
        terms = [
            Term.objects.create(
                body=body, name="VIII kadencja", starts_on=date(2018, 11, 1), ends_on=date(2024, 5, 6)
            ),
            Term.objects.create(body=body, name="IX kadencja", starts_on=date(2024, 5, 7)),
        ]
        people = Person.objects.bulk_create(
            Person(name=f"{g} {f}", slug=f"radny-{b}-{i}", given_name=g, family_name=f)
            for i, (g, f) in enumerate((rng.choice(GIVEN), rng.choice(FAMILY)) for _ in range(60))
        )
        clubs = [
            Club.objects.create(body=body, term=terms[1], name=f"Klub {k}", slug=f"klub-{k}")
            for k in range(4)
        ]
        ClubMembership.objects.bulk_create(ClubMembership(club=rng.choice(clubs), person=p) for p in people)
        executive = Person.objects.create(name=f"Prezydent {b}", slug=f"prezydent-{b}", family_name=f"P{b}")
        departments = Department.objects.bulk_create(
            Department(body=body, code=c, name=f"Wydział {c}") for c in DEPARTMENTS
        )
        setup[body.pk] = {
            "terms": terms,
            "people": people,
            "departments": departments,
            "executive": [executive],
        }
    rules = {(body.pk, t.pk): body.rule_set(t) for body in bodies for t in setup[body.pk]["terms"]}
    due_cache: dict[tuple, object] = {}
    span = (today - date(2019, 1, 1)).days
    batch = 5000
    for start in range(0, n, batch):
        rows, meta = [], []
        for i in range(start, min(start + batch, n)):
            body = bodies[0] if rng.random() < 0.85 else bodies[1]
            filed = today - timedelta(days=int(span * rng.random() ** 1.5))  # more recent items than old ones
            received = filed + timedelta(days=rng.choice((0, 0, 1, 2, 3)))
            term = setup[body.pk]["terms"][0 if filed < date(2024, 5, 7) else 1]
            key = (received, body.pk, term.pk)
            if key not in due_cache:
                due_cache[key] = deadline(received, rules[(body.pk, term.pk)])
            due = due_cache[key]
            answered_on = None
            if rng.random() < (0.85 if filed < today - timedelta(days=30) else 0.4):
                answered_on = min(received + timedelta(days=int(rng.triangular(2, 45, 12))), today)
            rows.append(
                Inquiry(
                    body=body,
                    term=term,
                    kind=rng.choice(("interpellation", "interpellation", "question")),
                    number=str(i + 1),
                    subject=rng.choice(subjects),
                    text="\n\n".join(rng.sample(paragraphs, rng.randint(1, 3))),
                    filed_on=filed,
                    received_on=received,
                    due_on=due.due_on,
                    due_explanation=due.explanation,
                    answered_on=answered_on,
                    is_answered=answered_on is not None,
                    is_withdrawn=False,
                    published_at=datetime.now(UTC),
                    entered_by_name="bench/web.py",
                    addressee_text=body.executive,
                )
            )
            meta.append(body.pk)
        with transaction.atomic():
            inquiries = Inquiry.objects.bulk_create(rows)
            authors, links, answers, events = [], [], [], []
            for inquiry, body_pk in zip(inquiries, meta, strict=True):
                people = rng.sample(setup[body_pk]["people"], rng.choice((1, 1, 1, 2, 3)))
                authors += [
                    InquiryAuthor(inquiry=inquiry, person=p, position=k) for k, p in enumerate(people)
                ]
                department = rng.choice(setup[body_pk]["departments"])
                links.append(Inquiry.departments.through(inquiry=inquiry, department=department))
                at = datetime.combine(inquiry.filed_on, datetime.min.time(), tzinfo=UTC)
                events.append(Event(at=at, on=inquiry.filed_on, action="filed", inquiry=inquiry))
                if inquiry.answered_on:
                    answers.append(
                        (
                            inquiry,
                            Answer(
                                kind="answer",
                                answered_on=inquiry.answered_on,
                                department=department,
                                text="\n\n".join(rng.sample(paragraphs, rng.randint(1, 3))),
                                signatory=setup[body_pk]["executive"][0],
                                signatory_name=setup[body_pk]["executive"][0].name,
                                case_sign=f"{department.code}.0003.{inquiry.number}.{inquiry.filed_on.year}",
                                published_at=datetime.now(UTC),
                            ),
                        )
                    )
            InquiryAuthor.objects.bulk_create(authors)
            Inquiry.departments.through.objects.bulk_create(links)
            saved = Answer.objects.bulk_create([a for _, a in answers])
            Answer.inquiries.through.objects.bulk_create(
                Answer.inquiries.through(answer=a, inquiry=i)
                for (i, _), a in zip(answers, saved, strict=True)
            )
            events += [
                Event(
                    at=datetime.combine(a.answered_on, datetime.min.time(), tzinfo=UTC),
                    on=a.answered_on,
                    action="answer",
                    inquiry=i,
                    answer=a,
                )
                for (i, _), a in zip(answers, saved, strict=True)
            ]
            Event.objects.bulk_create(events)
        print(f"  {min(start + batch, n):>7} inquiries", file=sys.stderr, flush=True)


def build_index() -> int:
    """The search app's index (and its tantivy mirror) of the whole register: `reindex_all()`, as after an import."""
    from interpel.search.indexing import reindex_all

    return reindex_all()
