"""The JSON API: every route for every object of the demo and of a richer register, filters, pagination, errors."""

from typing import Any

import pytest
from django.test import Client
from register_fixtures import Register, register_fixture  # noqa: F401 - the `register` fixture

from interpel.registry.demo import load_demo
from interpel.registry.models import Answer, Body, Club, Department, Inquiry, Person, Term

pytestmark = pytest.mark.django_db

API = "/api/v1"


def get(client: Client, path: str, status: int = 200) -> Any:
    response = client.get(path if path.startswith(("http", API)) else f"{API}{path}")
    assert response.status_code == status, (path, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def assert_links(obj: dict[str, Any], api_path: str) -> None:
    assert isinstance(obj["id"], int)
    assert obj["url"] == f"http://testserver{API}{api_path}"


def test_every_route_answers_for_every_demo_object(client: Client) -> None:
    load_demo()
    for inquiry in Inquiry.objects.all():
        data = get(client, f"/inquiries/{inquiry.pk}")
        assert_links(data, f"/inquiries/{inquiry.pk}")
        assert data["html_url"] == f"http://testserver/interpelacje/{inquiry.pk}/"
        assert client.get(data["html_url"]).status_code in (200, 404)  # the portal page, when it exists
    for answer in Answer.objects.all():
        assert_links(get(client, f"/answers/{answer.pk}"), f"/answers/{answer.pk}")
    for person in Person.objects.all():
        assert_links(get(client, f"/people/{person.pk}"), f"/people/{person.pk}")
        assert get(client, f"/people/{person.slug}")["id"] == person.pk
    for body in Body.objects.all():
        assert_links(get(client, f"/bodies/{body.pk}"), f"/bodies/{body.pk}")
        assert get(client, f"/bodies/{body.slug}")["id"] == body.pk
    for term in Term.objects.all():
        assert_links(get(client, f"/terms/{term.pk}"), f"/terms/{term.pk}")
    for department in Department.objects.all():
        assert_links(get(client, f"/departments/{department.pk}"), f"/departments/{department.pk}")
    for club in Club.objects.all():
        assert_links(get(client, f"/clubs/{club.pk}"), f"/clubs/{club.pk}")
    for name in ("inquiries", "answers", "people", "bodies", "terms", "clubs", "departments"):
        page = get(client, f"/{name}/")
        assert set(page) == {"count", "next", "previous", "results"}
        assert page["count"] == len(page["results"])
    assert get(client, "/statistics/")["summary"]["inquiries"] == 2


def test_the_demo_interpellation_shows_its_answer_status_and_due_date(client: Client) -> None:
    load_demo()
    antczak = Inquiry.objects.get(authors__name="Maciej Antczak")
    data = get(client, f"/inquiries/{antczak.pk}")
    assert data["due_on"] == "2026-04-08"
    assert "art. 111 § 2 k.c." in data["due_explanation"]
    assert data["status"]["code"] == "answered_on_time"
    assert data["status"]["label"].startswith("odpowiedź w terminie")
    assert [a["name"] for a in data["authors"]] == ["Maciej Antczak"]
    (reply,) = data["answers"]
    assert (reply["case_sign"], reply["edoc_id"], reply["answered_on"]) == (
        "KPM.003.0002.2026",
        "D2026.03.05724",
        "2026-04-02",
    )
    assert reply["signatory"]["name"] == "Krystian Kinastowski"
    assert reply["documents"][0]["media_type"] == "text/plain"
    assert data["documents"][0]["html_url"].startswith("http://testserver/")
    assert [e["action"] for e in data["events"]][:1] == ["filed"]
    assert data["publication"]["entered_by"] == "interpel demo"


def test_detail_of_a_richer_register(client: Client, register: Register) -> None:
    late = get(client, f"/inquiries/{register.late.pk}")
    assert late["status"]["code"] == "answered_late"
    assert [a["kind"] for a in late["answers"]] == ["answer"]
    assert late["repeated_by"] == [] and late["repeats"] is None
    follow_up = get(client, f"/inquiries/{register.follow_up.pk}")
    # A delay notice leaves the follow-up open, within its term, and is named beside the unchanged due date.
    assert follow_up["status"]["code"] == "awaiting"
    assert follow_up["status"]["delay_notice_on"] == register.delay_notice.answered_on.isoformat()
    assert [a["kind"] for a in follow_up["answers"]] == ["delay_notice"]
    assert follow_up["repeats"]["id"] == register.overdue.pk
    overdue = get(client, f"/inquiries/{register.overdue.pk}")
    assert [r["id"] for r in overdue["repeated_by"]] == [register.follow_up.pk]
    assert overdue["status"]["code"] == "overdue" and overdue["status"]["days"] > 0
    assert [a["name"] for a in overdue["authors"]] == ["Anna Nowak", "Jan Kowalski"]
    assert [d["code"] for d in overdue["departments"]] == ["WSR"]
    assert overdue["case_department"] == "WSR" and overdue["case_year"] == 2026
    joint = get(client, f"/answers/{register.joint_answer.pk}")
    assert sorted(i["id"] for i in joint["inquiries"]) == sorted(i.pk for i in register.pair)
    assert joint["documents"][0]["file_name"] == "odpowiedz.txt"
    nowak = get(client, f"/people/{register.nowak.slug}")
    assert nowak["clubs"][0]["club"]["id"] == register.club.pk
    # overdue, due_soon, repeated and pair[0]; the unpublished one (hidden) is hers too but not counted
    assert nowak["inquiries_count"] == 4
    club = get(client, f"/clubs/{register.club.pk}")
    assert [m["person"]["slug"] for m in club["members"]] == [register.nowak.slug]
    department = get(client, f"/departments/{register.department.pk}")
    assert department["inquiries_count"] == 2  # the pair, both filed under WIM's case sign
    assert department["html_url"] == f"http://testserver/wydzialy/{register.department.pk}/"
    listed = get(client, department["inquiries_url"])
    assert {i["id"] for i in listed["results"]} == {i.pk for i in register.pair}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=overdue", lambda r: {r.overdue.pk}),
        ("status=due_soon", lambda r: {r.due_soon.pk}),
        ("status=awaiting", lambda r: {r.awaiting.pk}),
        ("status=withdrawn", lambda r: {r.withdrawn.pk}),
        ("status=answered_late", lambda r: {r.late.pk}),
        ("status=answered_on_time", lambda r: {r.antczak.pk, r.kijewski.pk, *(i.pk for i in r.pair)}),
        ("kind=question&status=answered_on_time", lambda r: {i.pk for i in r.pair}),
        ("councillor=anna-nowak", lambda r: {r.overdue.pk, r.due_soon.pk, r.repeated.pk, r.pair[0].pk}),
    ],
)
def test_inquiry_filters_mirror_the_site(
    client: Client, register: Register, query: str, expected: Any
) -> None:
    page = get(client, f"/inquiries/?{query}&limit=200")
    assert {i["id"] for i in page["results"]} == expected(register)
    assert page["count"] == len(expected(register))


def test_unpublished_inquiries_stay_out(client: Client, register: Register) -> None:
    assert register.hidden.pk not in {i["id"] for i in get(client, "/inquiries/?limit=200")["results"]}
    error = get(client, f"/inquiries/{register.hidden.pk}", status=404)
    assert error["detail"] == f"Nie ma opublikowanej interpelacji ani zapytania o id {register.hidden.pk}."


def test_pagination_walks_the_whole_list_with_its_filters(client: Client, register: Register) -> None:
    total = Inquiry.objects.filter(is_published=True).count()
    seen: list[int] = []
    url: str | None = f"{API}/inquiries/?kind=question&limit=2"
    pages = 0
    while url:
        page = get(client, url)
        assert page["count"] == Inquiry.objects.filter(is_published=True, kind="question").count()
        seen += [i["id"] for i in page["results"]]
        assert all(i["kind"] == "question" for i in page["results"])
        url = page["next"]
        pages += 1
        if url:
            assert "kind=question" in url and url.startswith("http://testserver/")
    assert len(seen) == len(set(seen)) == page["count"] < total
    assert pages == (page["count"] + 1) // 2
    second = get(client, "/inquiries/?limit=2&offset=2")
    assert second["previous"] == "http://testserver/api/v1/inquiries/?limit=2"


@pytest.mark.parametrize(
    "path",
    [
        "/inquiries/?status=late",
        "/inquiries/?from=2026-13-01",
        "/inquiries/?limit=0",
        "/inquiries/?limit=1000",
        "/answers/?kind=letter",
        "/people/?role=king",
        "/inquiries/?offset=-1",
    ],
)
def test_bad_parameters_are_422_with_detail(client: Client, path: str) -> None:
    error = get(client, path, status=422)
    assert error["detail"] and error["detail"][0]["loc"][0] == "query"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/inquiries/999999", "Nie ma opublikowanej interpelacji ani zapytania o id 999999."),
        ("/answers/999999", "Nie ma opublikowanej odpowiedzi o id 999999."),
        ("/people/nikt-taki", "Nie ma osoby o slug nikt-taki."),
        ("/bodies/999999", "Nie ma rady o id 999999."),
        ("/terms/999999", "Nie ma kadencji o id 999999."),
        ("/clubs/999999", "Nie ma klubu o id 999999."),
        ("/departments/999999", "Nie ma wydziału o id 999999."),
        ("/nie-ma-takiego-zasobu", "Nie ma takiego adresu w API: /api/v1/nie-ma-takiego-zasobu"),
        ("/inquiries/abc", "Nie ma takiego adresu w API: /api/v1/inquiries/abc"),
    ],
)
def test_not_found_is_json_with_a_clear_message(client: Client, path: str, message: str) -> None:
    assert get(client, path, status=404) == {"detail": message}


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/inquiries/999999", "There is no published interpellation or question with id 999999."),
        ("/people/nikt-taki", "There is no person with slug nikt-taki."),
        ("/departments/999999", "There is no department with id 999999."),
        ("/nie-ma-takiego-zasobu", "There is no such address in the API: /api/v1/nie-ma-takiego-zasobu"),
    ],
)
def test_not_found_speaks_the_requested_language(client: Client, path: str, message: str) -> None:
    response = client.get(f"/api/v1{path}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404 and response.json() == {"detail": message}


def test_text_search_and_answers_filters(client: Client, register: Register) -> None:
    found = get(client, "/inquiries/?q=parkingu")
    assert register.pair[0].pk in {i["id"] for i in found["results"]}
    answers = get(client, f"/answers/?inquiry={register.late.pk}")
    assert [a["kind"] for a in answers["results"]] == ["answer"]
    answers = get(client, f"/answers/?inquiry={register.repeated.pk}")
    assert [a["id"] for a in answers["results"]] == [register.delay_notice.pk]
    assert get(client, "/answers/?kind=delay_notice")["count"] == 1
    assert get(client, f"/people/?role=councillor&body={register.body.pk}")["count"] >= 3


def test_statistics_use_the_portal_figures_with_filters(client: Client, register: Register) -> None:
    data = get(client, "/statistics/")
    assert data["summary"]["late"] == 1 and data["summary"]["overdue"] == 1
    # KPM, WSR and WIM assigned or answered; due_soon and withdrawn have no department ("").
    assert {row["code"] for row in data["by_department"]} == {"KPM", "WSR", "WIM", ""}
    assert sum(b["count"] for b in data["days_to_answer"]) == data["summary"]["answered"]
    only_questions = get(client, "/statistics/?kind=question")
    assert only_questions["summary"]["inquiries"] < data["summary"]["inquiries"]
    assert only_questions["description"] == "zapytanie"


def test_openapi_and_docs(client: Client) -> None:
    spec = get(client, "/openapi.json")
    paths = set(spec["paths"])
    for path in (
        "/inquiries/",
        "/inquiries/{inquiry_id}",
        "/answers/",
        "/people/{person}",
        "/bodies/",
        "/terms/",
        "/clubs/",
        "/departments/",
        "/statistics/",
    ):
        assert f"{API}{path}" in paths
    schemas = spec["components"]["schemas"]
    assert "InquiryDetailOut" in schemas and not any(
        name in schemas for name in ("Inquiry", "Answer", "Person")
    )
    docs = client.get(f"{API}/docs")
    assert docs.status_code == 200 and b"openapi.json" in docs.content
