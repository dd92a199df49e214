"""api.detail_reads hands InquiryDetailOut the same records, in the same order, as the ORM's prefetching did."""

from __future__ import annotations

from typing import Any

import pytest
from register_fixtures import Register, build_register

from interpel.api.detail_reads import published_inquiry
from interpel.registry.models import Inquiry

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(django_capture_on_commit_callbacks: Any) -> Register:
    with django_capture_on_commit_callbacks(execute=True):
        return build_register()


def values(rows: Any, *skip: str) -> list[dict[str, Any]]:
    return [
        {f.attname: getattr(r, f.attname) for f in r._meta.concrete_fields if f.name not in skip}
        for r in rows
    ]


def shown(inquiry: Inquiry) -> dict[str, Any]:
    """What the schemas read of an inquiry, through the same managers and attributes."""
    answers = [a for a in inquiry.answers.all() if a.is_published]
    return {
        "related": (
            inquiry.body.name,
            inquiry.term and inquiry.term.name,
            inquiry.club and inquiry.club.name,
        ),
        "repeats": inquiry.repeats
        and (inquiry.repeats.pk, inquiry.repeats.kind, inquiry.repeats.number, inquiry.repeats.subject),
        "entered_by": inquiry.entered_by.get_username() if inquiry.entered_by_id else "",
        "authors": [
            (a.position, a.person.pk, a.person.name, a.person.slug) for a in inquiry.authorships.all()
        ],
        "departments": values(inquiry.departments.all()),
        "documents": values(inquiry.documents.all(), "text"),
        "events": values(inquiry.events.all()),
        "actors": [e.actor.get_username() if e.actor_id else "" for e in inquiry.events.all()],
        "answers": values(answers),
        "signatories": [
            (a.signatory and a.signatory.name, a.department and str(a.department)) for a in answers
        ],
        "answer documents": [values(a.documents.all(), "text") for a in answers],
        "covered": [
            [(i.pk, i.kind, i.number, i.subject) for i in a.inquiries.all() if i.is_published]
            for a in answers
        ],
    }


def test_every_relation_the_schema_reads_matches_the_orm(
    register: Register, django_assert_num_queries: Any
) -> None:
    assert published_inquiry(register.hidden.pk) is None
    for inquiry in register.inquiries():
        found = published_inquiry(inquiry.pk)
        assert found is not None
        with django_assert_num_queries(0):  # everything the schemas read came with it
            mine = shown(found)
        expected = Inquiry.objects.get(pk=inquiry.pk)
        assert not found.get_deferred_fields() and values([found]) == values([expected])
        assert mine == shown(expected)  # the same reads on a plain instance: each one a query of the ORM
    assert any(a.inquiries.count() > 1 for a in register.joint_answer.inquiries.first().answers.all())
    assert any(shown(i)["events"] and shown(i)["answers"] for i in register.inquiries())


def test_unpublished_links_are_left_out_and_the_managers_still_query(register: Register) -> None:
    first, second = register.pair
    Inquiry.objects.filter(pk__in=[second.pk, register.overdue.pk]).update(is_published=False)
    found = published_inquiry(first.pk)
    assert found is not None
    (answer,) = found.answers.all()
    assert [i.pk for i in answer.inquiries.all()] == [
        first.pk
    ]  # the joint answer's other inquiry is hidden now
    follow_up = published_inquiry(register.repeated.pk)
    assert follow_up is not None and follow_up.repeats_id == register.overdue.pk and follow_up.repeats is None
    # Anything but .all() asks the database under the relation's own filter, as an ORM prefetch would.
    assert found.answers.filter(pk=answer.pk).exists() and found.answers.count() == 1
    assert answer.inquiries.count() == 1 and not answer.inquiries.filter(pk=second.pk).exists()
    assert list(found.events.order_by("-id"))[0].inquiry_id == first.pk
