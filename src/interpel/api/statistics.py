"""/statistics: timeliness and volume figures, computed by the portal's statistics module (one definition each)."""

from typing import Any

from ninja import Field, Query, Router, Schema

from interpel.portal import stats
from interpel.registry.selectors import filter_inquiries

from .inquiries import InquiryFilterIn
from .schemas import today

router = Router(tags=["statystyki"])


class SummaryOut(Schema):
    inquiries: int
    answered: int
    judged: int = Field(description="Z terminem znanym i odpowiedzią albo po terminie")
    on_time: int
    late: int
    overdue: int
    on_time_share: float | None = Field(description="W terminie / ocenione")
    median_days: float | None = Field(description="Mediana dni od otrzymania do odpowiedzi")


class BucketOut(Schema):
    bucket: str
    low: int
    high: int | None
    count: int


class DepartmentRowOut(SummaryOut):
    department_id: int | None
    code: str
    name: str


class MonthRowOut(Schema):
    month: str = Field(description="Miesiąc terminu odpowiedzi, RRRR-MM")
    judged: int
    on_time: int
    late: int
    overdue: int
    on_time_share: float | None


class CouncillorRowOut(SummaryOut):
    person_id: int
    slug: str
    name: str


class ClubRowOut(SummaryOut):
    club_id: int
    name: str


class StatisticsOut(Schema):
    computed_on: str = Field(description="Dzień, na który policzono statusy")
    description: str = Field(description="Zastosowane filtry słowami")
    summary: SummaryOut
    days_to_answer: list[BucketOut]
    by_department: list[DepartmentRowOut]
    by_month: list[MonthRowOut]
    by_councillor: list[CouncillorRowOut]
    by_club: list[ClubRowOut]


@router.get("/", response=StatisticsOut, url_name="statistics", summary="Statystyki terminowości i liczby")
def statistics(request: Any, filters: Query[InquiryFilterIn]) -> dict[str, Any]:
    """The figures of the statistics page for the inquiries matching the filters (text search is ignored here)."""
    day = today()
    filtered = filter_inquiries(filters.site_params(), day)
    inquiries = filtered.queryset
    return {
        "computed_on": day.isoformat(),
        "description": filtered.description,
        "summary": stats.summary(day, inquiries),
        "days_to_answer": stats.days_to_answer(inquiries),
        "by_department": stats.on_time_by_department(day, inquiries),
        "by_month": stats.on_time_by_month(day, inquiries),
        "by_councillor": stats.volume_by_councillor(day, inquiries),
        "by_club": stats.volume_by_club(day, inquiries),
    }
