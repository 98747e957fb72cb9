namespace Judging.Tests.Endpoints;

/// <summary>
/// The expected access of every endpoint and page (issue 10, "Done when"), checked by <see cref="RouteAccessTests"/> against the
/// app's own route table. One row per route pattern as the app declares it (<c>METHOD pattern</c>; hubs and Blazor's own
/// endpoints declare no method: <c>* pattern</c>), with the request the test sends (placeholders in braces are real ids from the
/// seeds, see <see cref="RouteAccessTests"/>) and the answer per session, in the order of <see cref="Sessions"/>:
/// <list type="bullet">
/// <item><c>200</c>, <c>400</c>, <c>401</c>, <c>403</c>, <c>404</c>, <c>409</c>, <c>415</c>: that status;</item>
/// <item><c>login</c>: a redirect to a sign-in page (<c>/login</c> or <c>/judge/login</c>); <c>denied</c>: a redirect to <c>/denied</c>;
/// <c>302</c>: another redirect.</item>
/// </list>
/// A page (Razor component) also answers POST (Blazor's form posts): its expected answer is derived, not listed (the GET's
/// <c>login</c>/<c>denied</c> where it refuses, else 400 for the missing antiforgery token). Static files of <c>wwwroot</c> are
/// public and checked anonymously as one class. A new route without a row fails the test with its name.
/// </summary>
internal static class RouteAccessTable
{
    /// <summary>The sessions, in column order.</summary>
    public static readonly string[] Sessions = ["anonymous", "speech judge PW-02", "film expert ZJ-02", "case expert AJ-02", "chief judge (speech) PW-01", "chief judge (cases) AJ-01", "organiser", "unit 19900000101", "recommender 上海电气集团"];

    /// <summary>A row: the route's key, the method and URL sent (and an optional JSON body), the answers per session.</summary>
    public sealed record Row(string Key, string Method, string Url, string Expected, string? Body = null);

    private const string Public = "200 200 200 200 200 200 200 200 200";
    private const string OrganiserPage = "login denied denied denied denied denied 200 denied denied";
    private const string OrganiserApi = "401 403 403 403 403 403 200 403 403";

    /// <summary>Every route of the app. Keep one row per route; write what should happen, not what happens.</summary>
    public static readonly Row[] Rows =
    [
        // Health, static fallback, Blazor plumbing.
        new("* /healthz", "GET", "/healthz", Public),
        new("* /healthz/live", "GET", "/healthz/live", Public),
        new("GET,HEAD {**path:file}", "GET", "/no-such-file.txt", "404 404 404 404 404 404 404 404 404"),
        new("GET /_framework/opaque-redirect", "GET", "/_framework/opaque-redirect", "400 400 400 400 400 400 400 400 400"),
        new("* /_blazor/negotiate", "POST", "/_blazor/negotiate?negotiateVersion=1", Public),
        new("* /_blazor", "GET", "/_blazor", "400 400 400 400 400 400 400 400 400"),
        new("* /_blazor/disconnect/", "POST", "/_blazor/disconnect/", "400 400 400 400 400 400 400 400 400"),
        new("* /_blazor/initializers/", "GET", "/_blazor/initializers/", Public),
        // The language switch: sets the culture cookie and goes back to a local page (anything else goes to /).
        new("GET /culture/{name}", "GET", "/culture/en?returnUrl=/films", "302 302 302 302 302 302 302 302 302"),
        // The JSON API's description (issue 12): organisers, who script a competition.
        new("GET /openapi/{documentName}.json", "GET", "/openapi/v1.json", "login denied denied denied denied denied 200 denied denied"),

        // Sign-in and setup (form posts need the antiforgery token; a wrong code never signs in).
        new("POST /account/login", "POST", "/account/login", "400 400 400 400 400 400 400 400 400"),
        new("POST /account/judge-login", "POST", "/account/judge-login", "400 400 400 400 400 400 400 400 400"),
        new("GET /j/{code}", "GET", "/j/NOTACODE", "login login login login login login login login login"), // back to the code sign-in, with an error
        new("POST /setup/{token}", "POST", "/setup/{setupToken}", "400 400 400 400 400 400 400 400 400"),
        new("POST /account/logout", "POST", "/account/logout", "400 400 400 400 400 400 400 400 400"), // the antiforgery token is required (issue 10, item 14)

        // Read-only JSON for displays and partners. The case review is running with one card in: its leaderboard answers
        // everyone, blind (RouteAccessTests checks no body shows the card's total outside the organiser and the case chief).
        new("GET /api/competitions", "GET", "/api/competitions", Public),
        new("GET /api/rounds", "GET", "/api/rounds", Public),
        new("GET /api/rounds/{id:int}/leaderboard", "GET", "/api/rounds/{caseRound}/leaderboard", Public),
        new("GET /api/audit", "GET", "/api/audit?size=5", OrganiserApi),
        new("GET /api/competitions/{id:int}/finalists", "GET", "/api/competitions/{competition}/finalists?track=Speech", OrganiserApi),
        new("GET /api/competitions/{id:int}/awards", "GET", "/api/competitions/{competition}/awards?track=Speech", OrganiserApi),
        new("GET /api/competitions/{id:int}/reveal", "GET", "/api/competitions/{competition}/reveal?track=Speech", Public),
        new("* /hubs/leaderboard/negotiate", "POST", "/hubs/leaderboard/negotiate?negotiateVersion=1", Public),
        new("* /hubs/leaderboard", "GET", "/hubs/leaderboard", "400 400 400 400 400 400 400 400 400"),
        new("* /hubs/reveal/negotiate", "POST", "/hubs/reveal/negotiate?negotiateVersion=1", Public),
        new("* /hubs/reveal", "GET", "/hubs/reveal", "400 400 400 400 400 400 400 400 400"),
        new("* /hubs/audience/negotiate", "POST", "/hubs/audience/negotiate?negotiateVersion=1", Public),
        new("* /hubs/audience", "GET", "/hubs/audience", "400 400 400 400 400 400 400 400 400"),

        // Judges' cards and the experts' drafts: judges only; a card or draft for an entry not assigned is refused.
        new("POST /api/scores", "POST", "/api/scores", "401 409 409 409 409 409 403 403 403",
            "{\"roundId\":{caseRound},\"entryId\":{caseEntry},\"points\":[1,1,1,1,1,1],\"idempotencyKey\":\"route-access-0001\"}"),
        // A trial card on a calibration sample (issue 14, §1): judges only; no such sample → 409.
        new("POST /api/calibration/cards", "POST", "/api/calibration/cards", "401 409 409 409 409 409 403 403 403",
            "{\"sampleId\":999999,\"points\":[1,1,1,1,1],\"idempotencyKey\":\"route-access-0002\"}"),
        new("GET /api/reviews/{roundId:int}/entries/{entryId:int}/draft", "GET", "/api/reviews/{caseRound}/entries/{caseEntry}/draft", "401 404 404 404 404 404 403 403 403"),
        new("PUT /api/reviews/{roundId:int}/entries/{entryId:int}/draft", "PUT", "/api/reviews/{caseRound}/entries/{caseEntry}/draft", "401 409 409 409 409 409 403 403 403",
            "{\"points\":[1,1,1,1,1,1,1]}"),
        new("GET /api/reviews/{roundId:int}/mine", "GET", "/api/reviews/{caseRound}/mine", "401 200 200 200 200 200 403 403 403"),

        // The organiser's controls and downloads.
        // Forced sign-out (no such judge: 404, so the test signs nobody out).
        new("POST /api/sessions/revoke", "POST", "/api/sessions/revoke", "401 403 403 403 403 403 404 403 403", "{\"scope\":\"judge\",\"judgeId\":999999}"),
        new("POST /api/rounds/{id:int}/control", "POST", "/api/rounds/{speechRound}/control", "401 403 403 403 403 403 409 403 403", "{\"action\":\"none\"}"),
        // The pages' actions as JSON (issue 12). Each organiser POST here is refused by the rules (an unknown entry, expert,
        // cluster or round, an invalid value), so the test changes nothing.
        new("GET /api/competitions/{id:int}/finalists/rules", "GET", "/api/competitions/{competition}/finalists/rules?track=Speech", OrganiserApi),
        new("POST /api/competitions/{id:int}/finalists/rules", "POST", "/api/competitions/{competition}/finalists/rules?track=Speech", "401 403 403 403 403 403 409 403 403", "{\"perDivision\":0}"),
        new("POST /api/competitions/{id:int}/finalists/vote-weight", "POST", "/api/competitions/{competition}/finalists/vote-weight?track=Speech", "401 403 403 403 403 403 409 403 403", "{\"percent\":30}"),
        new("POST /api/competitions/{id:int}/finalists/ties", "POST", "/api/competitions/{competition}/finalists/ties?track=Speech", "401 403 403 403 403 403 409 403 403",
            "{\"key\":\"cap:1\",\"resolution\":\"IncludeAll\",\"reason\":\"测试\"}"),
        new("POST /api/competitions/{id:int}/finalists/entries/{entryId:int}/override", "POST", "/api/competitions/{competition}/finalists/entries/999999/override?track=Speech",
            "401 403 403 403 403 403 409 403 403", "{\"action\":\"Drop\",\"reason\":\"测试\"}"),
        new("POST /api/competitions/{id:int}/finalists/entries/{entryId:int}/eligibility", "POST", "/api/competitions/{competition}/finalists/entries/999999/eligibility?track=Speech",
            "401 403 403 403 403 403 409 403 403", "{\"eligibility\":\"Withdrawn\",\"reason\":\"测试\"}"),
        new("POST /api/competitions/{id:int}/finalists/confirm", "POST", "/api/competitions/{competition}/finalists/confirm?track=Speech", "401 403 403 403 403 403 409 403 403", "{\"finalists\":[0]}"),
        new("POST /api/competitions/{id:int}/finalists/undo", "POST", "/api/competitions/{competition}/finalists/undo?track=Speech", "401 403 403 403 403 403 409 403 403", "{\"reason\":\"测试\"}"),
        new("GET /api/reviews/{roundId:int}/settings", "GET", "/api/reviews/{caseRound}/settings", OrganiserApi),
        new("GET /api/reviews/{roundId:int}/assignments", "GET", "/api/reviews/{caseRound}/assignments", OrganiserApi),
        new("GET /api/reviews/{roundId:int}/results", "GET", "/api/reviews/{caseRound}/results", OrganiserApi),
        new("POST /api/reviews/{roundId:int}/assignments/generate", "POST", "/api/reviews/{caseRound}/assignments/generate", "401 403 403 403 403 403 409 403 403", "{\"expertsPerEntry\":0}"),
        new("POST /api/reviews/{roundId:int}/assignments/add", "POST", "/api/reviews/{caseRound}/assignments/add", "401 403 403 403 403 403 409 403 403",
            "{\"entryId\":{caseEntry},\"judgeId\":999999,\"reason\":\"测试\"}"),
        new("POST /api/reviews/{roundId:int}/assignments/remove", "POST", "/api/reviews/{caseRound}/assignments/remove", "401 403 403 403 403 403 409 403 403",
            "{\"entryId\":{caseEntry},\"judgeId\":999999,\"reason\":\"测试\"}"),
        new("POST /api/reviews/{roundId:int}/start", "POST", "/api/reviews/999999/start", "401 403 403 403 403 403 404 403 403", ""),
        new("POST /api/reviews/{roundId:int}/end", "POST", "/api/reviews/999999/end", "401 403 403 403 403 403 404 403 403", ""),
        new("POST /api/reviews/{roundId:int}/settings", "POST", "/api/reviews/999999/settings", "401 403 403 403 403 403 404 403 403", "{\"normalise\":true}"),
        new("POST /api/reviews/{roundId:int}/experts-see-others", "POST", "/api/reviews/999999/experts-see-others", "401 403 403 403 403 403 404 403 403", "{\"on\":true}"),
        new("POST /api/reviews/{roundId:int}/publish", "POST", "/api/reviews/999999/publish", "401 403 403 403 403 403 404 403 403", "{\"on\":true}"),
        new("GET /api/rounds/{id:int}/console", "GET", "/api/rounds/{speechRound}/console", OrganiserApi),
        // The chief judge's page as JSON: chief judges only (no such card: 409).
        new("GET /api/chief/cards", "GET", "/api/chief/cards", "401 403 403 403 200 200 403 403 403"),
        new("POST /api/chief/cards/{recordId:long}/unlock", "POST", "/api/chief/cards/999999/unlock", "401 403 403 403 409 409 403 403 403", "{\"reason\":\"测试\"}"),
        new("GET /api/competitions/{competitionId:int}/vote-review", "GET", "/api/competitions/{competition}/vote-review", OrganiserApi),
        new("GET /api/competitions/{competitionId:int}/voting-settings", "GET", "/api/competitions/{competition}/voting-settings", OrganiserApi),
        new("POST /api/competitions/{competitionId:int}/voting-settings", "POST", "/api/competitions/{competition}/voting-settings", "401 403 403 403 403 403 400 403 403",
            "{\"quota\":\"Bad\",\"perDay\":1,\"windowSeconds\":60,\"newIdentityMinutes\":10,\"threshold\":20}"),
        // The audience awards page as JSON: refused by the rules for the test (unknown award or vote).
        new("GET /api/competitions/{id:int}/audience-awards", "GET", "/api/competitions/{competition}/audience-awards?track=Speech", OrganiserApi),
        new("POST /api/competitions/{id:int}/audience-awards/mode", "POST", "/api/competitions/{competition}/audience-awards/mode?track=Speech", "401 403 403 403 403 403 409 403 403",
            "{\"award\":\"无此奖项\",\"mode\":\"LiveVote\"}"),
        new("POST /api/competitions/{id:int}/audience-awards/vote", "POST", "/api/competitions/{competition}/audience-awards/vote?track=Speech", "401 403 403 403 403 403 409 403 403",
            "{\"award\":\"无此奖项\"}"),
        new("POST /api/competitions/{id:int}/audience-awards/designate", "POST", "/api/competitions/{competition}/audience-awards/designate?track=Speech", "401 403 403 403 403 403 409 403 403",
            "{\"award\":\"无此奖项\",\"entryId\":999999,\"reason\":\"测试\"}"),
        new("POST /api/competitions/{id:int}/audience-awards/public-tie", "POST", "/api/competitions/{competition}/audience-awards/public-tie?track=Speech", "401 403 403 403 403 403 409 403 403",
            "{\"award\":\"无此奖项\",\"entryId\":999999,\"reason\":\"测试\"}"),
        new("GET /api/audience-votes/{questionId:int}", "GET", "/api/audience-votes/999999", "401 403 403 403 403 403 404 403 403"),
        new("POST /api/audience-votes/{questionId:int}/assurance", "POST", "/api/audience-votes/999999/assurance", "401 403 403 403 403 403 409 403 403", "{\"assurance\":\"Phone\"}"),
        new("POST /api/audience-votes/{questionId:int}/ballots", "POST", "/api/audience-votes/999999/ballots", "401 403 403 403 403 403 409 403 403", "{\"count\":1}"),
        new("POST /api/audience-votes/{questionId:int}/open", "POST", "/api/audience-votes/999999/open", "401 403 403 403 403 403 409 403 403", ""),
        new("POST /api/audience-votes/{questionId:int}/close", "POST", "/api/audience-votes/999999/close", "401 403 403 403 403 403 409 403 403", ""),
        new("POST /api/audience-votes/{questionId:int}/tie", "POST", "/api/audience-votes/999999/tie", "401 403 403 403 403 403 409 403 403", "{\"entryId\":1,\"reason\":\"测试\"}"),
        // The running order (issue 12): read it, and draw it again before the round starts (the speech round has not started here).
        new("GET /api/rounds/{id:int}/running-order", "GET", "/api/rounds/{speechRound}/running-order", OrganiserApi),
        new("POST /api/rounds/{id:int}/running-order/draw", "POST", "/api/rounds/{speechRound}/running-order/draw", OrganiserApi),
        new("POST /api/films/{entryId:int}/video", "POST", "/api/films/{filmEntry}/video", "401 403 403 403 403 403 415 403 403", ""),
        // The award page's actions as JSON (issue 12): organisers only; each request here is refused by the service (409)
        // or unreadable (400), so the test changes nothing.
        new("PUT /api/competitions/{id:int}/awards/{track}/tiers", "PUT", "/api/competitions/{competition}/awards/Speech/tiers", "401 403 403 403 403 403 400 403 403",
            "{\"quotas\":[{\"tier\":\"Fourth\",\"kind\":\"Count\",\"value\":1}],\"finalistsOnly\":false}"),
        new("POST /api/competitions/{id:int}/awards/{track}/tier-ties", "POST", "/api/competitions/{competition}/awards/Speech/tier-ties", "401 403 403 403 403 403 409 403 403",
            "{\"key\":\"tier:9\",\"resolution\":\"TieBreak\",\"reason\":\"route access\"}"),
        new("POST /api/competitions/{id:int}/awards/{track}/confirm", "POST", "/api/competitions/{competition}/awards/Speech/confirm", "401 403 403 403 403 403 409 403 403", "{}"),
        new("POST /api/competitions/{id:int}/awards/{track}/undo", "POST", "/api/competitions/{competition}/awards/Speech/undo", "401 403 403 403 403 403 409 403 403", "{\"reason\":\"route access\"}"),
        new("POST /api/competitions/{id:int}/awards/{track}/reveal", "POST", "/api/competitions/{competition}/awards/Speech/reveal", "401 403 403 403 403 403 409 403 403", "{\"delta\":1}"),
        new("POST /api/competitions/{id:int}/awards/{track}/publish", "POST", "/api/competitions/{competition}/awards/Speech/publish", "401 403 403 403 403 403 409 403 403", "{\"published\":true}"),
        new("POST /api/competitions/{id:int}/commendations/{recommenderId:int}", "POST", "/api/competitions/{competition}/commendations/999999", "401 403 403 403 403 403 409 403 403",
            "{\"commend\":true,\"againstProposal\":false}"),
        new("GET /organiser/exports/{id:int}/{track}/results.csv", "GET", "/organiser/exports/{competition}/Speech/results.csv", OrganiserPage),
        new("GET /organiser/exports/{id:int}/{track}/raw-scores.csv", "GET", "/organiser/exports/{competition}/Speech/raw-scores.csv", OrganiserPage),
        new("GET /organiser/exports/{id:int}/{track}/audit-packet.json", "GET", "/organiser/exports/{competition}/Speech/audit-packet.json", OrganiserPage),

        // Films: public pages, media and the public vote (a vote needs a verified phone; a code needs a valid number).
        new("GET /films", "GET", "/films", Public),
        new("GET /films/{entryId:int}", "GET", "/films/{filmEntry}", Public),
        new("GET /api/films", "GET", "/api/films", Public),
        new("GET /api/films/live", "GET", "/api/films/live?competitionId={competition}", Public),
        // These seeds have no video files: the video answers 404 to everyone alike (the poster is a placeholder).
        new("GET /media/films/{entryId:int}/video", "GET", "/media/films/{filmEntry}/video", "404 404 404 404 404 404 404 404 404"),
        new("GET /media/films/{entryId:int}/poster", "GET", "/media/films/{filmEntry}/poster", Public),
        new("GET /api/voting/{competitionId:int}/rules", "GET", "/api/voting/{competition}/rules", Public),
        new("POST /api/voting/{competitionId:int}/code", "POST", "/api/voting/{competition}/code", "400 400 400 400 400 400 400 400 400", "{\"phone\":\"123\"}"),
        new("POST /api/voting/{competitionId:int}/verify", "POST", "/api/voting/{competition}/verify", "400 400 400 400 400 400 400 400 400", "{\"phone\":\"123\",\"code\":\"1\"}"),
        new("POST /api/films/{entryId:int}/votes", "POST", "/api/films/{filmEntry}/votes", "401 401 401 401 401 401 401 401 401", "{}"),
        // The review page's 计入 / 排除 for scripts: organiser only (no such cluster: 409).
        new("POST /api/competitions/{competitionId:int}/vote-clusters/{clusterId:long}/decision", "POST", "/api/competitions/{competition}/vote-clusters/999999/decision",
            "401 403 403 403 403 403 409 403 403", "{\"include\":true,\"reason\":\"测试\"}"),
        // The formal review's 通过 / 退回修改 for scripts: organiser only (no such entry: 404, so nothing is decided).
        new("POST /api/cases/{entryId:int}/formal-review/accept", "POST", "/api/cases/999999/formal-review/accept", "401 403 403 403 403 403 404 403 403", "{\"ticks\":[]}"),
        new("POST /api/cases/{entryId:int}/formal-review/return", "POST", "/api/cases/999999/formal-review/return", "401 403 403 403 403 403 404 403 403", "{\"reason\":\"测试\"}"),
        // The defence schedule for scripts: organiser only (these seeds have no confirmed re-review yet: 409, so nothing changes).
        new("GET /api/competitions/{competitionId:int}/defences", "GET", "/api/competitions/{competition}/defences", "401 403 403 403 403 403 409 403 403"),
        new("POST /api/competitions/{competitionId:int}/defences/{entryId:int}", "POST", "/api/competitions/999999/defences/{caseEntry}", "401 403 403 403 403 403 409 403 403",
            "{\"startsAt\":\"2025-07-15T09:00\",\"minutes\":20,\"reason\":\"测试\"}"),
        new("POST /api/competitions/{competitionId:int}/defences/{entryId:int}/cancel", "POST", "/api/competitions/999999/defences/{caseEntry}/cancel", "401 403 403 403 403 403 409 403 403", "{\"reason\":\"测试\"}"),
        new("POST /api/competitions/{competitionId:int}/defences/apply-order", "POST", "/api/competitions/999999/defences/apply-order", "401 403 403 403 403 403 409 403 403"),
        // Votes forwarded between app instances: only with the body's HMAC (the forwarding key), whoever is signed in.
        new("POST /internal/film-votes/cast", "POST", "/internal/film-votes/cast", "401 401 401 401 401 401 401 401 401", "[]"),
        new("POST /internal/film-votes/decide", "POST", "/internal/film-votes/decide", "401 401 401 401 401 401 401 401 401", "{}"),
        new("POST /internal/film-votes/tallies", "POST", "/internal/film-votes/tallies", "401 401 401 401 401 401 401 401 401", "{}"),

        // Cases: the document only for its assigned experts and the organiser; uploads through the unit's link.
        new("GET /cases/{entryId:int}/file", "GET", "/cases/{caseEntry}/file", "login 403 403 200 403 403 200 403 403"),
        new("POST /submit/{token}/upload", "POST", "/submit/{submitToken}/upload", "409 409 409 409 409 409 409 409 409"),

        // Units register and declare online (issue 15): the SMS code is anyone's to ask for (a bad number → 400); the sign-in
        // form without its antiforgery token goes back to /unit/login; the unit's JSON is the signed-in unit's own. The test app
        // runs on the wall clock, past the seeds' due dates: the unit's own draft (declaration 1) is refused by the speech due
        // date (409); an unknown track, an empty contact or a post without a form is 400; declaration 2 is another unit's (404,
        // so nothing is withdrawn).
        new("POST /api/unit/code", "POST", "/api/unit/code", "400 400 400 400 400 400 400 400 400", "{\"mobile\":\"1\"}"),
        new("POST /unit/sign-in", "POST", "/unit/sign-in", "login login login login login login login login login"),
        new("GET /api/unit/home", "GET", "/api/unit/home", "401 403 403 403 403 403 403 200 403"),
        new("POST /api/unit/declarations", "POST", "/api/unit/declarations", "401 403 403 403 403 403 403 400 403", "{\"track\":\"Nope\"}"),
        new("POST /api/unit/declarations/{id:int}/draft", "POST", "/api/unit/declarations/1/draft", "401 403 403 403 403 403 403 409 403", "{}"),
        new("POST /api/unit/declarations/{id:int}/submit", "POST", "/api/unit/declarations/1/submit", "401 403 403 403 403 403 403 409 403", "{}"),
        new("POST /api/unit/declarations/{id:int}/withdraw", "POST", "/api/unit/declarations/2/withdraw", "401 403 403 403 403 403 403 404 403", "{}"),
        new("POST /api/unit/contacts", "POST", "/api/unit/contacts", "401 403 403 403 403 403 403 400 403", "{}"),
        new("GET,POST /unit/login", "GET", "/unit/login", Public),
        new("GET,POST /unit/register", "GET", "/unit/register", "login denied denied denied denied denied denied 200 denied"),
        new("GET,POST /unit", "GET", "/unit", "login denied denied denied denied denied denied 200 denied"),
        new("GET,POST /unit/declarations/{Id:int}", "GET", "/unit/declarations/1", "login denied denied denied denied denied denied 200 denied"),
        new("GET /unit/declarations/{id:int}/form.pdf", "GET", "/unit/declarations/1/form.pdf", "login denied denied denied denied denied denied 200 denied"),
        new("POST /unit/materials", "POST", "/unit/materials", "login denied denied denied denied denied denied 400 denied"),
        // A unit's material: the unit, the organiser and the unit's recommender; an unknown one is 404 to everyone signed in.
        new("GET /unit-materials/{id:long}", "GET", "/unit-materials/999999", "login 404 404 404 404 404 404 404 404"),
        // Programmes (issue 13): the list for anyone; a programme's page and an application's page for unit contacts (the
        // anonymous go to /unit/login?return=…; a seeded application has no owner: 404 to a unit); starting needs the
        // form's antiforgery token (a unit without it goes back to the programme's page); the JSON is the owner's only.
        new("GET,POST /programmes", "GET", "/programmes", Public),
        new("GET,POST /programmes/{Code}", "GET", "/programmes/government-quality-award-2025", "login denied denied denied denied denied denied 200 denied"),
        new("GET,POST /programmes/applications/{Id:int}", "GET", "/programmes/applications/1", "login denied denied denied denied denied denied 404 denied"),
        new("POST /programmes/{code}/start", "POST", "/programmes/government-quality-award-2025/start", "login login login login login login login 302 login"),
        new("POST /api/programme-applications/{id:int}/draft", "POST", "/api/programme-applications/1/draft", "401 403 403 403 403 403 403 404 403", "{\"values\":{},\"revision\":1}"),
        new("POST /api/programme-applications/{id:int}/submit", "POST", "/api/programme-applications/1/submit", "401 403 403 403 403 403 403 404 403", "{}"),
        new("POST /api/programme-applications/{id:int}/withdraw", "POST", "/api/programme-applications/1/withdraw", "401 403 403 403 403 403 403 404 403", "{}"),
        new("GET /api/competitions/{id:int}/intake-calendar", "GET", "/api/competitions/{competition}/intake-calendar", OrganiserApi),
        new("POST /api/competitions/{id:int}/intake-calendar", "POST", "/api/competitions/{competition}/intake-calendar", "401 403 403 403 403 403 400 403 403", "{}"),
        new("POST /api/units/{unitId:int}/limit", "POST", "/api/units/1/limit", "401 403 403 403 403 403 400 403 403", "{\"track\":\"Nope\"}"),

        // Venue vote.
        new("POST /vote/{questionId:int}/ballot", "POST", "/vote/{question}/ballot", "302 302 302 302 302 302 302 302 302"), // back to the vote page with its message

        // Public and shared pages.
        new("GET,POST /", "GET", "/", Public),
        new("GET,POST /error", "GET", "/error", Public),
        new("GET,POST /denied", "GET", "/denied", Public),
        new("GET,POST /login", "GET", "/login", Public),
        new("GET,POST /judge/login", "GET", "/judge/login", Public),
        new("GET,POST /setup/{Token}", "GET", "/setup/{setupToken}", Public),
        new("GET,POST /results/{CompetitionId:int}", "GET", "/results/{competition}", Public),
        // The verifiable tally (issue 14, §2): the export is the organiser's until results are published (the seeds publish none);
        // the vote-audit page answers everyone, saying it is not public yet.
        new("GET /results/{competitionId:int}/tally.json", "GET", "/results/{competition}/tally.json", "404 404 404 404 404 404 200 404 404"),
        new("GET,POST /results/{CompetitionId:int}/vote-audit", "GET", "/results/{competition}/vote-audit", Public),
        new("GET,POST /projector/{RoundId:int}", "GET", "/projector/{caseRound}", Public),
        new("GET,POST /projector/awards/{CompetitionId:int}/{Track}", "GET", "/projector/awards/{competition}/Speech", Public),
        new("GET,POST /projector/vote/{QuestionId:int}", "GET", "/projector/vote/{question}", Public),
        new("GET,POST /submit/{Token}", "GET", "/submit/{submitToken}", Public),
        new("GET,POST /vote/{QuestionId:int}", "GET", "/vote/{question}", Public),

        // Judges' pages (a judge signs in by code: /judge/login); the chief judge's pages for chief judges.
        new("GET,POST /judge", "GET", "/judge", "login 200 200 200 200 200 denied denied denied"),
        new("GET,POST /expert", "GET", "/expert", "login 200 200 200 200 200 denied denied denied"),
        new("GET,POST /expert/review/{RoundId:int}/{EntryId:int}", "GET", "/expert/review/{caseRound}/{caseEntry}", "login 200 200 200 200 200 denied denied denied"),
        new("GET,POST /chief", "GET", "/chief", "login denied denied denied 200 200 denied denied denied"),
        new("GET,POST /chief/calibration", "GET", "/chief/calibration", "login denied denied denied 200 200 denied denied denied"),
        new("GET,POST /chief/review/{RoundId:int}", "GET", "/chief/review/{caseRound}", "login denied denied denied 200 200 denied denied denied"),
        // The judge report of a round (issue 14, §1): the organiser and the round's own chief judge; the case chief is denied
        // the speech round's report, as are judges and experts.
        new("GET,POST /rounds/{RoundId:int}/judge-report", "GET", "/rounds/{speechRound}/judge-report", "login denied denied denied 200 denied 200 denied denied"),
        new("GET /rounds/{roundId:int}/judge-report.pdf", "GET", "/rounds/{speechRound}/judge-report.pdf", "login denied denied denied 200 denied 200 denied denied"),
        new("GET,POST /cases/{EntryId:int}/document", "GET", "/cases/{caseEntry}/document", "login 403 403 200 403 403 200 403 403"),

        // The organiser's pages.
        new("GET,POST /organiser", "GET", "/organiser", OrganiserPage),
        new("GET,POST /organiser/audit", "GET", "/organiser/audit", OrganiserPage),
        new("GET,POST /organiser/sessions", "GET", "/organiser/sessions", OrganiserPage),
        new("GET,POST /organiser/audience-awards/ballots/{QuestionId:int}", "GET", "/organiser/audience-awards/ballots/{question}", OrganiserPage),
        new("GET,POST /organiser/import", "GET", "/organiser/import", OrganiserPage),
        new("GET,POST /organiser/audience-awards/{CompetitionId:int}", "GET", "/organiser/audience-awards/{competition}", OrganiserPage),
        new("GET,POST /organiser/audience-awards/{CompetitionId:int}/{TrackName}", "GET", "/organiser/audience-awards/{competition}/Speech", OrganiserPage),
        new("GET,POST /organiser/audit-packet/{CompetitionId:int}/{TrackName}", "GET", "/organiser/audit-packet/{competition}/Speech", OrganiserPage),
        new("GET,POST /organiser/awards/{CompetitionId:int}/{Track}", "GET", "/organiser/awards/{competition}/Speech", OrganiserPage),
        new("GET,POST /organiser/certificates/{CompetitionId:int}/{TrackName}", "GET", "/organiser/certificates/{competition}/Speech", OrganiserPage),
        new("GET,POST /organiser/commendation/{CompetitionId:int}", "GET", "/organiser/commendation/{competition}", OrganiserPage),
        new("GET,POST /organiser/rounds/{RoundId:int}", "GET", "/organiser/rounds/{speechRound}", OrganiserPage),
        new("GET,POST /organiser/rounds/{RoundId:int}/order", "GET", "/organiser/rounds/{speechRound}/order", OrganiserPage),
        new("GET,POST /organiser/defence/{CompetitionId:int}", "GET", "/organiser/defence/{competition}", OrganiserPage),
        new("GET,POST /organiser/film-votes/{CompetitionId:int}", "GET", "/organiser/film-votes/{competition}", OrganiserPage),
        new("GET,POST /organiser/films/{CompetitionId:int}", "GET", "/organiser/films/{competition}", OrganiserPage),
        new("GET,POST /organiser/finalists/{CompetitionId:int}/{Track}", "GET", "/organiser/finalists/{competition}/Speech", OrganiserPage),
        new("GET,POST /organiser/formal-review/{CompetitionId:int}", "GET", "/organiser/formal-review/{competition}", OrganiserPage),
        new("GET,POST /organiser/formal-review/{CompetitionId:int}/links", "GET", "/organiser/formal-review/{competition}/links", OrganiserPage),
        new("GET,POST /organiser/programmes/{Code}/formal-review", "GET", "/organiser/programmes/government-quality-award-2025/formal-review", OrganiserPage),
        new("GET,POST /organiser/programmes/{Code}/past-winners", "GET", "/organiser/programmes/government-quality-award-2025/past-winners", OrganiserPage),
        new("GET,POST /organiser/programmes/{Code}/review", "GET", "/organiser/programmes/government-quality-award-2025/review", OrganiserPage),
        new("GET /api/programmes/{code}/past-winners.csv", "GET", "/api/programmes/government-quality-award-2025/past-winners.csv", OrganiserApi),
        new("POST /api/programmes/{code}/past-winners", "POST", "/api/programmes/no-such-programme/past-winners", "401 403 403 403 403 403 404 403 403", "获奖者,所在单位,奖项,类别,获奖年度"),
        // 拟授奖 and 公示 (issue 16): the organiser's page; the public notice for anyone, signed in or not (404 to everyone while
        // the seeds publish none, never a sign-in: ProgrammeNoticeTests shows the anonymous 200 once one is published).
        new("GET,POST /organiser/programmes/{Code}/notice", "GET", "/organiser/programmes/government-quality-award-2025/notice", OrganiserPage),
        new("GET /programmes/{code}/notice", "GET", "/programmes/government-quality-award-2025/notice", "404 404 404 404 404 404 404 404 404"),
        new("GET,POST /organiser/judges/{CompetitionId:int}", "GET", "/organiser/judges/{competition}", OrganiserPage),
        new("GET,POST /organiser/review/{RoundId:int}", "GET", "/organiser/review/{caseRound}", OrganiserPage),
        new("GET,POST /organiser/vote-review/{CompetitionId:int}", "GET", "/organiser/vote-review/{competition}", OrganiserPage),

        // Resumable uploads (issue 15, tus 1.0): discovery is public; the rest needs a sign-in (401) and the protocol header
        // (this request sends none: 412); the target then decides (the film target: organisers only, FilmUploadTusTests).
        new("OPTIONS /api/uploads", "OPTIONS", "/api/uploads", "204 204 204 204 204 204 204 204 204"),
        new("POST /api/uploads", "POST", "/api/uploads", "401 412 412 412 412 412 412 412 412"),
        new("HEAD /api/uploads/{id}", "HEAD", "/api/uploads/00000000000000000000000000000000", "401 412 412 412 412 412 412 412 412"),
        new("PATCH /api/uploads/{id}", "PATCH", "/api/uploads/00000000000000000000000000000000", "401 412 412 412 412 412 412 412 412"),
        new("DELETE /api/uploads/{id}", "DELETE", "/api/uploads/00000000000000000000000000000000", "401 412 412 412 412 412 412 412 412"),
        // Recommenders (issue 15): the one-time invite link (a form post without its antiforgery token is refused; an unknown
        // link's page says so to anyone); the recommender's page, PDF and JSON are a recommender account's own; the organiser's
        // list, its JSON and a new link (no such recommender: 404, so nothing is issued); a stamped scan for its recommender and
        // the organiser (none here: 404). The recommender 上海电气集团 is past its due date 6/27 (409; the scan needs the
        // submission first: 409); the case entry is not one of its units' (404).
        new("POST /recommender/invite/{token}", "POST", "/recommender/invite/no-such-token", "400 400 400 400 400 400 400 400 400"),
        new("GET,POST /recommender/invite/{Token}", "GET", "/recommender/invite/no-such-token", Public),
        new("GET,POST /recommender", "GET", "/recommender", "login denied denied denied denied denied denied denied 200"),
        new("GET /recommender/table.pdf", "GET", "/recommender/table.pdf", "login denied denied denied denied denied denied denied 200"),
        new("GET /recommendations/{recommenderId:int}/scan", "GET", "/recommendations/999999/scan", "login denied denied denied denied denied 404 denied 404"),
        new("GET /api/recommender/entries", "GET", "/api/recommender/entries", "401 403 403 403 403 403 403 403 200"),
        new("POST /api/recommender/opinions/{entryId:int}", "POST", "/api/recommender/opinions/{caseEntry}", "401 403 403 403 403 403 403 403 404", "{\"recommend\":true,\"text\":\"测试\"}"),
        new("POST /api/recommender/order", "POST", "/api/recommender/order", "401 403 403 403 403 403 403 403 409", "{\"entryIds\":[]}"),
        new("POST /api/recommender/submit", "POST", "/api/recommender/submit", "401 403 403 403 403 403 403 403 409", "{}"),
        new("POST /api/recommender/scan", "POST", "/api/recommender/scan", "401 403 403 403 403 403 403 403 409", ""),
        new("GET,POST /organiser/recommenders/{CompetitionId:int}", "GET", "/organiser/recommenders/{competition}", OrganiserPage),
        new("GET /api/competitions/{id:int}/recommenders", "GET", "/api/competitions/{competition}/recommenders", OrganiserApi),
        new("POST /api/recommenders/{recommenderId:int}/invite", "POST", "/api/recommenders/999999/invite", "401 403 403 403 403 403 404 403 403", ""),
        new("POST /api/recommenders/{recommenderId:int}/reopen", "POST", "/api/recommenders/999999/reopen", "401 403 403 403 403 403 404 403 403", "{}"),
        // The registrations dashboard (issue 15, "Organiser"): its page and its counts as JSON, the organiser's.
        new("GET,POST /organiser/registrations/{CompetitionId:int}", "GET", "/organiser/registrations/{competition}", OrganiserPage),
        new("GET /api/competitions/{id:int}/registrations", "GET", "/api/competitions/{competition}/registrations", OrganiserApi),
        // Programme materials (issue 13): uploads are the owning unit contact's (seeded application 1 has no owner: 404, before
        // any body is read); a file is its owner's and the organisers' (none here: 404); the generated form of seeded
        // application 1 (G01, 申报表) is the organisers' (and its owner's).
        new("POST /programme-applications/{id:int}/materials/{materialCode}", "POST", "/programme-applications/1/materials/internal-notice", "login denied denied denied denied denied denied 404 denied"),
        new("POST /programme-applications/{id:int}/summary", "POST", "/programme-applications/1/summary", "login denied denied denied denied denied denied 404 denied"),
        new("GET /programme-materials/{fileId:long}", "GET", "/programme-materials/999999", "login 404 404 404 404 404 404 404 404"),
        new("GET /programme-applications/{id:int}/forms/{materialCode}.pdf", "GET", "/programme-applications/1/forms/application-form.pdf", "login 404 404 404 404 404 200 404 404"),
        // The programmes (issue 13, "Organiser"): the list, a programme's board, the working-day calendar; admitting a refused
        // application (none such here: 404) and the board's CSV.
        new("GET,POST /organiser/programmes", "GET", "/organiser/programmes", OrganiserPage),
        new("GET,POST /organiser/programmes/{Code}", "GET", "/organiser/programmes/government-quality-award-2025", OrganiserPage),
        new("GET,POST /organiser/calendar", "GET", "/organiser/calendar", OrganiserPage),
        new("POST /api/programme-applications/{id:int}/admit", "POST", "/api/programme-applications/999999/admit", "401 403 403 403 403 403 404 403 403", "{\"reason\":\"测试理由\"}"),
        new("GET /api/programme-stage-files/{fileId:long}", "GET", "/api/programme-stage-files/999999", "401 403 403 403 403 403 404 403 403"),
        // Site verification and credit check (issue 16): the organiser's page; an upload that is not multipart is refused (400).
        new("GET,POST /organiser/programmes/{Code}/verification", "GET", "/organiser/programmes/government-quality-award-2025/verification", OrganiserPage),
        new("POST /api/programme-applications/{id:int}/verification-files/{kind}", "POST", "/api/programme-applications/999999/verification-files/site-visit", "401 403 403 403 403 403 400 403 403", "{}"),
        new("GET /api/programmes/{code}/applications.csv", "GET", "/api/programmes/government-quality-award-2025/applications.csv", OrganiserApi),
        // Objections to a 公示 (issue 16, 异议): the public form and the receipt for anyone (no published notice / no such receipt
        // here: 404); its posts without the form go back to the form (302); the organiser's page and actions (no such objection: 404).
        new("GET,POST /programmes/{Code}/notice/objection", "GET", "/programmes/government-quality-award-2025/notice/objection", "404 404 404 404 404 404 404 404 404"),
        new("GET,POST /programmes/{Code}/notice/objection/receipt", "GET", "/programmes/government-quality-award-2025/notice/objection/receipt?r=x", "404 404 404 404 404 404 404 404 404"),
        new("POST /programmes/{code}/notice/objection-code", "POST", "/programmes/government-quality-award-2025/notice/objection-code", "302 302 302 302 302 302 302 302 302"),
        new("POST /programmes/{code}/notice/objections", "POST", "/programmes/government-quality-award-2025/notice/objections", "302 302 302 302 302 302 302 302 302"),
        new("GET,POST /organiser/programmes/{Code}/objections", "GET", "/organiser/programmes/government-quality-award-2025/objections", OrganiserPage),
        new("POST /api/programme-objections/{id:int}/assign", "POST", "/api/programme-objections/999999/assign", "401 403 403 403 403 403 404 403 403", "{\"person\":\"张调查\"}"),
        new("POST /api/programme-objections/{id:int}/notes", "POST", "/api/programme-objections/999999/notes", "401 403 403 403 403 403 404 403 403", "{\"text\":\"调查记录\"}"),
        new("POST /api/programme-objections/{id:int}/decide", "POST", "/api/programme-objections/999999/decide", "401 403 403 403 403 403 404 403 403", "{\"outcome\":\"Rejected\",\"effect\":\"None\",\"reasons\":\"理由\"}"),
        new("POST /api/programme-objections/{id:int}/notify", "POST", "/api/programme-objections/999999/notify", "401 403 403 403 403 403 404 403 403", "{}"),
        new("POST /api/programme-objections/{id:int}/reply", "POST", "/api/programme-objections/999999/reply", "401 403 403 403 403 403 404 403 403"),
        // 审定 and after (issue 16): the results page (404 until something is approved) and the awards JSON for anyone; the 审定
        // page, the certificate register's CSV and the certificates' PDFs for the organiser (none issued: 404).
        new("GET,POST /programmes/{Code}/results", "GET", "/programmes/no-such-programme/results", "404 404 404 404 404 404 404 404 404"),
        new("GET /api/programmes/{code}/awards.json", "GET", "/api/programmes/government-quality-award-2025/awards.json", Public),
        new("GET,POST /organiser/programmes/{Code}/approval", "GET", "/organiser/programmes/government-quality-award-2025/approval", OrganiserPage),
        new("GET /api/programmes/{code}/certificates.csv", "GET", "/api/programmes/government-quality-award-2025/certificates.csv", OrganiserApi),
        new("GET /api/programmes/{code}/certificates.pdf", "GET", "/api/programmes/government-quality-award-2025/certificates.pdf", "401 403 403 403 403 403 404 403 403"),
        new("GET /api/programme-certificates/{id:int}.pdf", "GET", "/api/programme-certificates/999999.pdf", "401 403 403 403 403 403 404 403 403"),
    ];
}
