"""Search results taken away as CSV, JSON Lines and Excel; the whole collection as a dataset dump."""

import csv
import io
import json
import zipfile

import pytest
from openpyxl import load_workbook
from wagtail.models import PageViewRestriction

from follow.records import COLUMN_NAMES
from practices.tests.factories import ContactFactory
from search.tests.factories import make_practice

pytestmark = pytest.mark.django_db


def read_csv(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_csv_export_of_a_search_reads_back_as_the_same_practices_and_codes(client, corpus):
    query = "theme=employer-engagement&sort=title"
    response = client.get(f"/en/export/practices.csv?{query}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="praxis-practices-en-' in response["Content-Disposition"]
    assert response["X-Total-Count"] == "2"
    rows = read_csv(response)
    assert list(rows[0]) == COLUMN_NAMES
    api = client.get(f"/api/search/?{query}").json()
    assert [int(row["id"]) for row in rows] == [result["id"] for result in api["results"]]
    bridge = rows[0]
    assert bridge["title"] == "Bridge to Work"
    assert bridge["themes"].split("|") == ["employer-engagement", "job-coaching-placement"]
    assert bridge["target_groups"] == "refugees"
    assert bridge["countries"] == "DE" and bridge["cities"] == "Leipzig"
    funder = corpus["bridge"].organisation_roles.get(role="funder").organisation_id
    assert bridge["funder_ids"] == str(funder) and bridge["funders"] == "European Social Fund"
    assert bridge["evidence_level"] == "monitored" and bridge["source_kinds"] == "iq_good_practice"
    assert bridge["start_year"] == "2016" and bridge["end_year"] == ""
    assert bridge["url"].endswith("/en/practices/bridge-to-work/")
    # The codes filter the search again to the same practice.
    again = client.get(f"/api/search/?theme={bridge['themes'].split('|')[1]}&funder={bridge['funder_ids']}").json()
    assert [result["id"] for result in again["results"]] == [int(bridge["id"])]


def test_jsonl_and_excel_exports_carry_the_same_rows(client, corpus):
    csv_rows = read_csv(client.get("/en/export/practices.csv?q=job"))
    jsonl = client.get("/en/export/practices.jsonl?q=job")
    assert jsonl["Content-Type"].startswith("application/jsonl")
    records = [json.loads(line) for line in b"".join(jsonl.streaming_content).decode().splitlines()]
    assert [str(record["id"]) for record in records] == [row["id"] for row in csv_rows]
    assert len(records) == 3 and isinstance(records[0]["themes"], list)

    workbook = load_workbook(io.BytesIO(client.get("/en/export/practices.xlsx?q=job").content), read_only=True)
    sheet = list(workbook["practices"].iter_rows(values_only=True))
    assert list(sheet[0]) == COLUMN_NAMES
    assert [str(line[0]) for line in sheet[1:]] == [row["id"] for row in csv_rows]
    assert [line[0] for line in workbook["columns"].iter_rows(values_only=True)][1:] == COLUMN_NAMES


def test_exports_hold_only_live_public_practices_and_no_contact_data(client, corpus, site_tree):
    ContactFactory(page=corpus["bridge"], name="Public Person", email="public@example.org", publish=True)
    draft = make_practice(site_tree.index, "Draft Practice")
    draft.unpublish()
    private = make_practice(site_tree.index, "Private Practice")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    text = b"".join(client.get("/en/export/practices.jsonl").streaming_content).decode()
    assert text.count("\n") == 5
    assert "Draft Practice" not in text and "Private Practice" not in text
    assert "@example.org" not in text and "Public Person" not in text


def test_export_formula_texts_are_neutralised_for_spreadsheets(client, site_tree):
    make_practice(site_tree.index, '=HYPERLINK("http://evil.example")', summary="-2 people; +3 jobs")
    row = read_csv(client.get("/en/export/practices.csv"))[0]
    assert row["title"].startswith("'=HYPERLINK")
    assert row["summary"] == "'-2 people; +3 jobs"


def test_export_answers_bad_parameters_with_400(client, corpus):
    assert client.get("/en/export/practices.csv?sort=nonsense").status_code == 400
    assert client.get("/en/export/practices.csv?page_size=0").status_code == 400
    assert client.get("/en/export/practices.pdf").status_code == 400
    # Unknown facet values are ignored, as in the search.
    assert client.get("/en/export/practices.csv?theme=unknown-theme")["X-Total-Count"] == "5"


def test_german_export_uses_the_same_codes(client, corpus):
    rows = read_csv(client.get("/de/export/practices.csv?target_group=women"))
    assert [row["title"] for row in rows] == ["Mentors for Women"]  # not translated: shown in English
    assert rows[0]["target_groups"].split("|") == ["refugees", "women"]


def test_dataset_dump_is_a_dated_versioned_zip_with_licence_and_dictionary(corpus, tmp_path):
    import datetime

    from django.core.management import call_command

    out = io.StringIO()
    call_command("export_dataset", output_dir=str(tmp_path), stdout=out)
    today = datetime.date.today().isoformat()
    files = list(tmp_path.iterdir())
    assert [path.name for path in files] == [f"praxis-dataset-v1.0-{today}.zip"]
    assert "5 practices written" in out.getvalue()
    with zipfile.ZipFile(files[0]) as archive:
        assert sorted(archive.namelist()) == ["LICENSE.txt", "datapackage.json", "practices.csv", "practices.jsonl"]
        assert "CC BY 4.0" in archive.read("LICENSE.txt").decode()
        package = json.loads(archive.read("datapackage.json"))
        assert [field["name"] for field in package["resources"][0]["schema"]["fields"]] == COLUMN_NAMES
        rows = list(csv.DictReader(io.StringIO(archive.read("practices.csv").decode("utf-8-sig"))))
        records = [json.loads(line) for line in archive.read("practices.jsonl").decode().splitlines()]
    assert sorted(row["title"] for row in rows) == sorted(page.title for page in corpus.values())
    assert {record["id"] for record in records} == {page.pk for page in corpus.values()}
    assert all("outcomes" in record and "sources" in record for record in records)


@pytest.mark.parametrize(("language", "heading"), [("en", "Data dictionary"), ("de", "Datenwörterbuch")])
def test_data_dictionary_page_in_both_languages(client, site_tree, language, heading):
    html = client.get(f"/{language}/data/").content.decode()
    assert heading in html
    assert "<code>funder_ids</code>" in html and "creativecommons.org/licenses/by/4.0" in html
