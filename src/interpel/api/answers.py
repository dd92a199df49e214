"""/answers: the executive's replies, each with the inquiries it covers."""

from datetime import date
from typing import Any, Literal

from django.db.models import Prefetch, QuerySet
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from interpel.registry.models import Answer, Inquiry

from .pagination import CountedPagination
from .schemas import AnswerDetailOut, AnswerOut, ErrorOut, found_or_404

router = Router(tags=["odpowiedzi"])


class AnswerFilterIn(Schema):
    kind: Literal["answer", "partial", "delay_notice", "redirect", "refusal"] | None = None
    inquiry: int | None = Field(None, description="id interpelacji lub zapytania")
    body: int | None = Field(None, description="id rady")
    department: int | None = Field(None, description="id wydziału, który odpowiedział")
    signatory: str | None = Field(None, description="slug osoby, która podpisała")
    date_from: date | None = Field(None, alias="from", description="udzielone od (RRRR-MM-DD)")
    date_to: date | None = Field(None, alias="to", description="udzielone do (RRRR-MM-DD)")


def published_answers() -> QuerySet[Answer]:
    """Published answers to published inquiries, with what AnswerOut reads prefetched."""
    inquiries = Inquiry.objects.filter(is_published=True).only("id", "kind", "number", "subject")
    return (
        Answer.objects.filter(is_published=True, inquiries__is_published=True)
        .distinct()
        .select_related("signatory", "department")
        .prefetch_related(Prefetch("inquiries", queryset=inquiries))
    )


@router.get("/", response=list[AnswerOut], url_name="answers", summary="Lista odpowiedzi")
@paginate(CountedPagination)
def list_answers(request: Any, filters: Query[AnswerFilterIn]) -> Any:
    """Answers, newest first."""
    queryset = published_answers()
    lookups = {
        "kind": filters.kind,
        "inquiries__pk": filters.inquiry,
        "inquiries__body__pk": filters.body,
        "department__pk": filters.department,
        "signatory__slug": filters.signatory,
        "answered_on__gte": filters.date_from,
        "answered_on__lte": filters.date_to,
    }
    queryset = queryset.filter(**{k: v for k, v in lookups.items() if v is not None})
    return queryset.order_by("-answered_on", "-id")


@router.get(
    "/{int:answer_id}",
    response={200: AnswerDetailOut, 404: ErrorOut},
    url_name="answer",
    summary="Odpowiedź z treścią i dokumentami",
)
def get_answer(request: Any, answer_id: int) -> Any:
    queryset = published_answers().prefetch_related("documents")
    return found_or_404(queryset, "answer", id=answer_id)
