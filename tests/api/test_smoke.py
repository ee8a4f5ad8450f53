def test_partner_lists_its_courses(cast, api):
    response = api(cast.partner).get("/api/v1/courses/")
    assert response.status_code == 200, response.content
    assert [c["slug"] for c in response.json()["results"]] == [cast.course.slug]
