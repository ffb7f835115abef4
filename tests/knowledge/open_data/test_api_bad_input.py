"""API v2 under bad input: a bad parameter is a 400 and an id no record can have a
404, both in Wagtail's JSON shape ``{"message": "..."}``; never a server error.

The reported addresses are replayed as they were sent; hypothesis then sends any
value to every filter of every endpoint (profiles in ``tests/test_fuzz.py``).
"""

from __future__ import annotations

from http import HTTPStatus
from urllib.parse import urlencode

from django.test import TestCase
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from apps.knowledge.open_data.api import LANGUAGE_PARAMETERS, api_router
from tests.knowledge.factories import (
    OpenDataPortalFactory,
    PortalFactory,
    SolutionPageFactory,
)
from tests.test_fuzz import NASTY, VALUES

# The addresses from the security issue, each of them a server error before.
REPORTED_BAD_REQUESTS = [
    "/api/v2/solutions/?offset=99999999999999999999999",
    "/api/v2/solutions/?latitude=abc",
    "/api/v2/solutions/?budget=abc",
    "/api/v2/solutions/?start_date=abc",
    "/api/v2/solutions/?start_date=2020-13-45",
    "/api/v2/solutions/?lead_organisation=99999999999999999999",
    "/api/v2/solutions/?search=a&search_operator=xor",
    "/api/v2/organisations/?offset=99999999999999999999999",
]
REPORTED_NOT_FOUND = [
    "/api/v2/solutions/999999999999999999999/",
    "/api/v2/contacts/999999999999999999999/",
]


def assert_json_error(response, status: HTTPStatus) -> None:
    assert response.status_code == status, (response.status_code, response.content)
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"message"}, body
    assert body["message"]


class ReportedBadInputTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.data = OpenDataPortalFactory()

    def test_reported_bad_parameters__are_a_json_bad_request(self):
        for url in REPORTED_BAD_REQUESTS:
            with self.subTest(url=url):
                assert_json_error(self.client.get(url), HTTPStatus.BAD_REQUEST)

    def test_reported_too_large_ids__are_a_json_not_found(self):
        for url in REPORTED_NOT_FOUND:
            with self.subTest(url=url):
                assert_json_error(self.client.get(url), HTTPStatus.NOT_FOUND)

    def test_bad_field_value__message_names_the_parameter(self):
        response = self.client.get("/api/v2/solutions/?start_date=2020-13-45")

        self.assertTrue(response.json()["message"].startswith("start_date: "))

    def test_good_values_of_the_same_filters__still_filter(self):
        for query in (
            "start_date=2020-01-01",
            "budget=1000.50",
            "latitude=54.78",
            f"lead_organisation={self.data.flensburg.pk}",
            "search=Mobilität&search_operator=and",
            "offset=100000",
        ):
            with self.subTest(query=query):
                response = self.client.get(f"/api/v2/solutions/?{query}")
                self.assertEqual(response.status_code, HTTPStatus.OK, response.content)

    def test_largest_possible_id__is_an_ordinary_not_found(self):
        response = self.client.get(f"/api/v2/solutions/{2**63 - 1}/")

        assert_json_error(response, HTTPStatus.NOT_FOUND)


# -- the message in the caller's language ---------------------------------------------

# Bad requests whose message is Wagtail's (English only in Wagtail) or the
# project's own; each must come back in German and Danish.
BAD_REQUESTS_IN_EVERY_LANGUAGE = [
    ("/api/v2/solutions/?offset=abc", HTTPStatus.BAD_REQUEST),
    ("/api/v2/solutions/?limit=abc", HTTPStatus.BAD_REQUEST),
    ("/api/v2/solutions/?limit=100000", HTTPStatus.BAD_REQUEST),
    ("/api/v2/solutions/?offset=99999999999999999999999", HTTPStatus.BAD_REQUEST),
    ("/api/v2/solutions/?nonsense=1", HTTPStatus.BAD_REQUEST),
    ("/api/v2/organisations/?nonsense=1", HTTPStatus.BAD_REQUEST),
    ("/api/v2/solutions/?fields=nonsense", HTTPStatus.BAD_REQUEST),
    ("/api/v2/solutions/?fields=(", HTTPStatus.BAD_REQUEST),
    ("/api/v2/solutions/?order=nonsense", HTTPStatus.BAD_REQUEST),
    ("/api/v2/solutions/?order=random&offset=1", HTTPStatus.BAD_REQUEST),
    ("/api/v2/solutions/?budget=abc", HTTPStatus.BAD_REQUEST),
    ("/api/v2/solutions/?start_date=2020-13-45", HTTPStatus.BAD_REQUEST),
    ("/api/v2/solutions/?show_in_menus=maybe", HTTPStatus.BAD_REQUEST),
    ("/api/v2/solutions/?phase=nonsense", HTTPStatus.BAD_REQUEST),
    ("/api/v2/solutions/?organisation=", HTTPStatus.BAD_REQUEST),
    ("/api/v2/contacts/?language=xx", HTTPStatus.BAD_REQUEST),
    ("/api/v2/solutions/?search=a&search_operator=xor", HTTPStatus.BAD_REQUEST),
    ("/api/v2/solutions/find/?id=abc", HTTPStatus.BAD_REQUEST),
    ("/api/v2/solutions/999999999999999999999/", HTTPStatus.NOT_FOUND),
    ("/api/v2/contacts/999999/", HTTPStatus.NOT_FOUND),
]


class MessageLanguageTests(TestCase):
    """The 400/404 message in the language of ``Accept-Language`` or ``?locale=``."""

    @classmethod
    def setUpTestData(cls):
        cls.data = OpenDataPortalFactory()

    def message(self, url: str, status: HTTPStatus, language: str) -> str:
        response = self.client.get(url, headers={"accept-language": language})
        assert_json_error(response, status)
        return response.json()["message"]

    def test_every_message__is_translated_into_german_and_danish(self):
        for url, status in BAD_REQUESTS_IN_EVERY_LANGUAGE:
            with self.subTest(url=url):
                english = self.message(url, status, "en")
                german = self.message(url, status, "de")
                danish = self.message(url, status, "da")
                self.assertNotEqual(german, english)
                self.assertNotEqual(danish, english)
                self.assertNotEqual(danish, german)

    def test_messages__read_as_the_user_reads_them(self):
        url = "/api/v2/solutions/?search=a&search_operator=xor"

        self.assertEqual(
            self.message(url, HTTPStatus.BAD_REQUEST, "de"),
            "search_operator muss einer der Werte and, or sein.",
        )
        self.assertEqual(
            self.message("/api/v2/solutions/?offset=abc", HTTPStatus.BAD_REQUEST, "da"),
            "offset skal være et positivt helt tal.",
        )
        self.assertEqual(
            self.message(
                "/api/v2/solutions/999999999999999999999/", HTTPStatus.NOT_FOUND, "de"
            ),
            "Nicht gefunden.",
        )

    def test_locale_parameter__chooses_the_language_of_the_message(self):
        for query in ("budget=abc", "nonsense=1"):
            with self.subTest(query=query):
                url = f"/api/v2/solutions/?{query}"
                german = self.message(url, HTTPStatus.BAD_REQUEST, "de")
                danish = self.message(url, HTTPStatus.BAD_REQUEST, "da")

                response = self.client.get(
                    f"{url}&locale=da", headers={"accept-language": "de"}
                )

                assert_json_error(response, HTTPStatus.BAD_REQUEST)
                self.assertEqual(response.json()["message"], danish)
                self.assertNotEqual(response.json()["message"], german)


# -- every filter of every endpoint, fuzzed ------------------------------------------


def endpoint_parameters() -> dict[str, list[str]]:
    """Each endpoint with every query parameter it reads: Wagtail's own, the
    knowledge base's filters and every database field (Wagtail's field filters)."""
    parameters = {}
    for name, viewset in api_router._endpoints.items():
        model = viewset.model
        parameters[name] = sorted(
            {
                *viewset.known_query_parameters,
                *LANGUAGE_PARAMETERS,
                *getattr(viewset, "extra_query_parameters", ()),
                *viewset.get_available_fields(model, db_fields_only=True),
            }
        )
    return parameters


PARAMETERS = endpoint_parameters()

# Values that look like what a field holds but are not: dates, decimals, ids.
FIELD_LIKE = st.one_of(
    st.sampled_from(
        [
            "2020-13-45",
            "2020-02-30",
            "0000-00-00",
            "9999-12-31T25:61:00",
            "1e309",
            "-1e-400",
            "Infinity",
            "123456789012345.678",
            str(2**63),
            str(-(2**63) - 1),
            str(2**31),
            "and",
            "or",
            "xor",
            "-title",
            "random",
        ]
    ),
    st.dates().map(str),
    st.decimals(allow_nan=True, places=None).map(str),
)


@st.composite
def api_requests(draw) -> tuple[str, str]:
    endpoint = draw(st.sampled_from(sorted(PARAMETERS)))
    detail = draw(
        st.one_of(
            st.just(""),
            st.just("find/"),
            st.integers(min_value=0, max_value=10**30).map(lambda n: f"{n}/"),
        )
    )
    pairs = draw(
        st.lists(
            st.tuples(
                st.sampled_from(PARAMETERS[endpoint]),
                st.one_of(VALUES, FIELD_LIKE, st.sampled_from(NASTY)),
            ),
            min_size=1,
            max_size=4,
        )
    )
    return f"/api/v2/{endpoint}/{detail}", urlencode(pairs)


class EveryFilterTests(HypothesisTestCase):
    """Generated requests; each example runs in its own transaction."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.portal = PortalFactory()
        SolutionPageFactory(portal=cls.portal, title="Mitfahrbank Angeln")

    @given(address=api_requests())
    def test_every_filter_of_every_endpoint__json_error_never_server_error(
        self, address: tuple[str, str]
    ) -> None:
        path, query = address
        response = self.client.get(path, QUERY_STRING=query)

        self.assertLess(
            response.status_code,
            HTTPStatus.INTERNAL_SERVER_ERROR,
            response.status_code,
        )
        if response.status_code in (HTTPStatus.BAD_REQUEST, HTTPStatus.NOT_FOUND):
            self.assertEqual(set(response.json()), {"message"}, response.content)
