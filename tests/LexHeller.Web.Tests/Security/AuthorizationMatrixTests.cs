using LexHeller.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Web.Tests.Security;

/// <summary>
/// Every page handler × nobody and every role × the ids of the user's own förbund and of another förbund.
/// The table is written by hand from DESIGN.md's roles and visibility rules; the endpoint list comes from the
/// running app, so a new page or handler without a row fails here.
/// </summary>
public class AuthorizationMatrixTests
{
    // Outcomes: 200; in = challenged to log in (sent to log-in with the way back); 2fa = sent to the second factor; 403 = refused (or sent to "Åtkomst nekad");
    // 404 = not found (how a case or a record of another förbund is hidden); 302 = sent elsewhere (a done action
    // or a page that forwards). Never 500. POSTs carry a valid form token and an empty form.
    // Columns: Anonymous Rapportör Kansli BUG-ledamot Styrelse Administratör, all of Insjöriket;
    // the first group uses Insjöriket's ids, the second Södra Norrbotten's (routes with an id only).
    public const string Table = """
        GET /                                                          | in 200 200 200 200 200
        GET /andringslogg                                              | in 403 200 403 403 200
        GET /anvandare                                                 | in 403 200 403 403 200
        GET /anvandare/importera                                       | in 403 200 403 403 200
        POST /anvandare/importera?handler=Confirm                      | in 403 200 403 403 200
        POST /anvandare/importera?handler=Preview                      | in 403 200 403 403 200
        GET /anvandare/inaktiva                                        | in 403 200 403 403 200
        POST /anvandare/inaktiva?handler=Confirm                       | in 403 200 403 403 200
        POST /anvandare/inaktiva?handler=Deactivate                    | in 403 200 403 403 200
        GET /anvandare/ny                                              | in 403 200 403 403 200
        POST /anvandare/ny                                             | in 403 200 403 403 200
        GET /anvandare/{id}                                            | in 403 200 403 403 200 | in 403 404 403 403 200
        POST /anvandare/{id}?handler=Deactivate                        | in 403 404 403 403 404 | in 403 404 403 403 404
        POST /anvandare/{id}?handler=Grant                             | in 403 200 403 403 200 | in 403 404 403 403 200
        POST /anvandare/{id}?handler=Link                              | in 403 200 403 403 200 | in 403 404 403 403 200
        POST /anvandare/{id}?handler=Organisations                     | in 403 404 403 403 404 | in 403 404 403 403 404
        POST /anvandare/{id}?handler=Reactivate                        | in 403 404 403 403 404 | in 403 404 403 403 404
        POST /anvandare/{id}?handler=Reinvite                          | in 403 404 403 403 404 | in 403 404 403 403 404
        POST /anvandare/{id}?handler=ResetTwoFactor                    | in 403 200 403 403 200 | in 403 404 403 403 200
        POST /anvandare/{id}?handler=Unlink                            | in 403 404 403 403 404 | in 403 404 403 403 404
        GET /api/v1/docs                                               | 200 200 200 200 200 200
        GET /api-nycklar                                               | in 403 200 403 403 200
        POST /api-nycklar                                              | in 403 200 403 403 200
        GET /api-nycklar/{id:int}/aterkalla                            | in 403 200 403 403 200 | in 403 404 403 403 200
        POST /api-nycklar/{id:int}/aterkalla                           | in 403 302 403 403 302 | in 403 404 403 403 302
        GET /api/v1/categories                                         | 401 401 401 401 401 401
        GET /api/v1/compilations                                       | 401 401 401 401 401 401
        GET /api/v1/compilations/{id:int}                              | 401 401 401 401 401 401 | 401 401 401 401 401 401
        GET /api/v1/openapi.json                                       | 200 200 200 200 200 200
        GET /api/v1/oppna-data/                                        | 200 200 200 200 200 200
        GET /api/v1/oppna-data/{kod}/arssiffror.csv                    | 200 200 200 200 200 200 | 404 404 404 404 404 404
        GET /api/v1/oppna-data/{kod}/arssiffror.json                   | 200 200 200 200 200 200 | 404 404 404 404 404 404
        GET /api/v1/oppna-data/{kod}/svar.csv                          | 200 200 200 200 200 200 | 404 404 404 404 404 404
        GET /api/v1/oppna-data/{kod}/svar.html                         | 200 200 200 200 200 200 | 404 404 404 404 404 404
        GET /api/v1/oppna-data/{kod}/svar.json                         | 200 200 200 200 200 200 | 404 404 404 404 404 404
        GET /api/v1/organisations                                      | 401 401 401 401 401 401
        GET /api/v1/published                                          | 401 401 401 401 401 401
        GET /api/v1/systemic                                           | 401 401 401 401 401 401
        GET /arenden/mina                                              | in 200 403 403 403 403
        GET /arenden/ny                                                | in 200 403 403 403 403
        POST /arenden/ny?handler=Draft                                 | in 200 403 403 403 403
        POST /arenden/ny?handler=Submit                                | in 200 403 403 403 403
        GET /arenden/ref/{reference}                                   | in 302 302 302 404 404 | in 404 404 404 404 404
        GET /arenden/{id:int}                                          | in 200 200 200 404 404 | in 404 404 404 404 404
        POST /arenden/{id:int}?handler=ApprovePublication              | in 200 200 200 404 404 | in 404 404 404 404 404
        POST /arenden/{id:int}?handler=Link                            | in 404 200 404 404 404 | in 404 404 404 404 404
        POST /arenden/{id:int}?handler=Systemfel                       | in 404 200 404 404 404 | in 404 404 404 404 404
        POST /arenden/{id:int}?handler=Unlink                          | in 404 200 404 404 404 | in 404 404 404 404 404
        POST /arenden/{id:int}?handler=UnlinkSystemfel                 | in 404 404 404 404 404 | in 404 404 404 404 404
        GET /arenden/{id:int}/atgard/{step}                            | in 200 200 200 404 404 | in 404 404 404 404 404
        POST /arenden/{id:int}/atgard/{step}                           | in 200 200 200 404 404 | in 404 404 404 404 404
        GET /arenden/{id:int}/pdf                                      | in 404 200 200 404 404 | in 404 404 404 404 404
        GET /arenden/{id:int}/redigera                                 | in 200 403 403 403 403 | in 404 403 403 403 403
        POST /arenden/{id:int}/redigera?handler=Draft                  | in 302 403 403 403 403 | in 404 403 403 403 403
        POST /arenden/{id:int}/redigera?handler=Submit                 | in 200 403 403 403 403 | in 404 403 403 403 403
        GET /arenden/{id:int}/svar/{organisationId:int}                | in 404 404 200 404 404 | in 404 404 404 404 404
        POST /arenden/{id:int}/svar/{organisationId:int}?handler=Confirm | in 404 404 200 404 404 | in 404 404 404 404 404
        POST /arenden/{id:int}/svar/{organisationId:int}?handler=Draft | in 404 404 200 404 404 | in 404 404 404 404 404
        POST /arenden/{id:int}/svar/{organisationId:int}?handler=Submit | in 404 404 200 404 404 | in 404 404 404 404 404
        GET /arenden/{id:int}/ta-bort                                  | in 200 403 403 403 403 | in 404 403 403 403 403
        POST /arenden/{id:int}/ta-bort                                 | in 302 403 403 403 403 | in 404 403 403 403 403
        GET /arkivpaket                                                | in 403 200 403 403 200
        GET /arkivpaket?handler=Download                               | in 403 404 403 403 404
        POST /arkivpaket                                               | in 403 200 403 403 200
        GET /aterstall-losenord                                        | 200 200 200 200 200 200
        POST /aterstall-losenord                                       | 200 200 200 200 200 200
        GET /atkomst-nekad                                             | 403 403 403 403 403 403
        GET /att-besvara                                               | in 403 403 200 403 403
        GET /besvarade                                                 | in 200 200 200 200 403
        GET /behandlingshistorik                                       | in 403 200 403 403 200
        GET /behandlingshistorik?handler=Csv                           | in 403 200 403 403 200
        GET /behandlingshistorik?handler=Xlsx                          | in 403 200 403 403 200
        GET /arkiv                                                     | in 403 200 403 403 200
        GET /behandlingshistorik/kontroll                              | in 403 200 403 403 200
        POST /behandlingshistorik/kontroll?handler=Check               | in 403 200 403 403 200
        GET /behandlingshistorik/kontroll/installningar                | in 403 200 403 403 200
        POST /behandlingshistorik/kontroll/installningar               | in 403 200 403 403 200
        GET /fel/{code:int?}                                           | 404 404 404 404 404 404
        GET /forbund                                                   | in 403 403 403 403 200
        GET /forbund/byt                                               | in 302 302 302 302 302
        POST /forbund/byt                                              | in 302 302 302 302 302
        GET /forbund/ny                                                | in 403 403 403 403 200
        POST /forbund/ny                                               | in 403 403 403 403 200
        GET /forbund/{id:int}                                          | in 403 403 403 403 200 | in 403 403 403 403 200
        POST /forbund/{id:int}                                         | in 403 403 403 403 200 | in 403 403 403 403 200
        GET /gallring                                                  | in 403 200 403 403 200
        POST /gallring?handler=Hold                                    | in 403 200 403 403 200
        POST /gallring?handler=Release                                 | in 403 404 403 403 404
        GET /gallring/regler                                           | in 403 200 403 403 200
        POST /gallring/regler                                          | in 403 200 403 403 200
        GET /glomt-losenord                                            | 200 200 200 200 200 200
        POST /glomt-losenord                                           | 200 200 200 200 200 200
        GET /health/live                                               | 200 200 200 200 200 200
        GET /health/ready                                              | 200 200 200 200 200 200
        GET /inbjudan                                                  | 200 200 200 200 200 200
        POST /inbjudan                                                 | 200 200 200 200 200 200
        POST /inbjudan?handler=Accept                                  | 200 200 200 200 200 200
        POST /inbjudan?handler=Decline                                 | 200 200 200 200 200 200
        GET /atgarder                                                  | in 403 200 403 403 403
        GET /atgarder/ny                                               | in 403 404 403 403 403
        POST /atgarder/ny                                              | in 403 404 403 403 403
        GET /atgarder/{id:int}                                         | in 403 200 403 403 403 | in 403 404 403 403 403
        POST /atgarder/{id:int}?handler=Done                           | in 403 302 403 403 403 | in 403 404 403 403 403
        POST /atgarder/{id:int}?handler=FollowUp                       | in 403 200 403 403 403 | in 403 404 403 403 403
        GET /inkorg                                                    | in 403 200 403 403 403
        POST /inkorg?handler=Export                                    | in 403 200 403 403 403
        POST /inkorg?handler=Reassign                                  | in 403 200 403 403 403
        GET /inloggning/leverantorer                                   | in 403 403 403 403 200
        GET /inloggning/leverantorer/ny                                | in 403 403 403 403 200
        POST /inloggning/leverantorer/ny                               | in 403 403 403 403 200
        GET /inloggning/leverantorer/{id:int}                          | in 403 403 403 403 200 | in 403 403 403 403 200
        POST /inloggning/leverantorer/{id:int}                         | in 403 403 403 403 200 | in 403 403 403 403 200
        GET /installningar                                             | in 403 200 403 403 200
        POST /installningar                                            | in 403 200 403 403 200
        GET /kategorier                                                | in 403 200 403 403 200
        POST /kategorier?handler=Add                                   | in 403 200 403 403 200
        POST /kategorier?handler=Deactivate                            | in 403 404 403 403 404
        POST /kategorier?handler=Down                                  | in 403 404 403 403 404
        POST /kategorier?handler=Reactivate                            | in 403 404 403 403 404
        POST /kategorier?handler=Up                                    | in 403 404 403 403 404
        GET /kategorier/{id:int}                                       | in 403 200 403 403 200 | in 403 404 403 403 200
        POST /kategorier/{id:int}                                      | in 403 200 403 403 200 | in 403 404 403 403 200
        GET /kategorier/{id:int}/ta-bort                               | in 403 200 403 403 200 | in 403 404 403 403 200
        POST /kategorier/{id:int}/ta-bort                              | in 403 302 403 403 404 | in 403 404 403 403 302
        GET /konto                                                     | in 200 200 200 200 200
        POST /konto?handler=ChangePassword                             | in 200 200 200 200 200
        POST /konto?handler=MailDelivery                               | in 200 200 200 200 200
        POST /konto?handler=NewRecoveryCodes                           | in 302 302 302 302 302
        GET /konto/aterstallningskoder                                 | in 200 200 200 200 200
        GET /konto/tvafaktor                                           | in 200 200 200 200 200
        POST /konto/tvafaktor                                          | in 200 200 200 200 200
        GET /logga-in                                                  | 200 302 302 302 302 302
        POST /logga-in                                                 | 200 200 200 200 200 200
        GET /logga-in/aterstallningskod                                | 302 302 302 302 302 302
        GET /logga-in/extern                                           | 302 302 302 302 302 302
        POST /logga-in/extern                                          | 302 302 302 302 302 302
        GET /logga-in/extern/klar                                      | 302 302 302 302 302 302
        GET /logga-in/extern/misslyckades                              | 200 200 200 200 200 200
        POST /logga-in/aterstallningskod                               | 302 302 302 302 302 302
        GET /logga-in/extern/{id:int}/bakkanal                         | 405 405 405 405 405 405 | 405 405 405 405 405 405
        POST /logga-in/extern/{id:int}/bakkanal                        | 400 400 400 400 400 400 | 400 400 400 400 400 400
        GET /logga-in/verifiera                                        | 302 302 302 302 302 302
        POST /logga-in/verifiera                                       | 302 302 302 302 302 302
        GET /logga-ut                                                  | 200 200 200 200 200 200
        POST /logga-ut                                                 | 302 302 302 302 302 302
        GET /moten                                                     | in 403 200 200 403 403
        GET /moten/nytt                                                | in 403 200 403 403 403
        POST /moten/nytt                                               | in 403 200 403 403 403
        GET /moten/{id:int}                                            | in 404 200 200 404 404 | in 404 404 404 404 404
        POST /moten/{id:int}?handler=Cancel                            | in 404 200 404 404 404 | in 404 404 404 404 404
        POST /moten/{id:int}?handler=Decide                            | in 404 200 404 404 404 | in 404 404 404 404 404
        POST /moten/{id:int}?handler=Move                              | in 404 200 404 404 404 | in 404 404 404 404 404
        GET /moten/{id:int}/dagordning                                 | in 404 200 404 404 404 | in 404 404 404 404 404
        POST /moten/{id:int}/dagordning?handler=AddCase                | in 404 200 404 404 404 | in 404 404 404 404 404
        POST /moten/{id:int}/dagordning?handler=AddItem                | in 404 200 404 404 404 | in 404 404 404 404 404
        POST /moten/{id:int}/dagordning?handler=Down                   | in 404 200 404 404 404 | in 404 404 404 404 404
        POST /moten/{id:int}/dagordning?handler=Remove                 | in 404 200 404 404 404 | in 404 404 404 404 404
        POST /moten/{id:int}/dagordning?handler=SendNow                | in 404 200 404 404 404 | in 404 404 404 404 404
        POST /moten/{id:int}/dagordning?handler=Up                     | in 404 200 404 404 404 | in 404 404 404 404 404
        POST /moten/{id:int}/dagordning?handler=Withdraw               | in 404 200 404 404 404 | in 404 404 404 404 404
        GET /moten/{id:int}/flytta                                     | in 404 200 404 404 404 | in 404 404 404 404 404
        POST /moten/{id:int}/flytta                                    | in 404 200 404 404 404 | in 404 404 404 404 404
        GET /moten/{id:int}/protokoll                                  | in 404 200 200 404 404 | in 404 404 404 404 404
        GET /moten/{id:int}/protokoll?handler=DraftPdf                 | in 404 404 404 404 404 | in 404 404 404 404 404
        GET /moten/{id:int}/protokoll?handler=Pdf                      | in 404 404 404 404 404 | in 404 404 404 404 404
        POST /moten/{id:int}/protokoll?handler=Justify                 | in 404 200 200 404 404 | in 404 404 404 404 404
        POST /moten/{id:int}/protokoll?handler=Save                    | in 404 200 404 404 404 | in 404 404 404 404 404
        POST /moten/{id:int}/protokoll?handler=Submit                  | in 404 200 404 404 404 | in 404 404 404 404 404
        GET /organisationer                                            | in 403 403 403 403 200
        GET /organisationer/ny                                         | in 403 403 403 403 200
        POST /organisationer/ny                                        | in 403 403 403 403 200
        GET /organisationer/{id:int}                                   | in 403 403 403 403 200 | in 403 403 403 403 200
        POST /organisationer/{id:int}                                  | in 403 403 403 403 200 | in 403 403 403 403 200
        POST /organisationer/{id:int}?handler=Delete                   | in 403 403 403 403 200 | in 403 403 403 403 200
        GET /organisationer/{id:int}/sla-ihop                          | in 403 403 403 403 200 | in 403 403 403 403 200
        POST /organisationer/{id:int}/sla-ihop                         | in 403 403 403 403 200 | in 403 403 403 403 200
        GET /oversikt                                                  | in 403 200 403 200 403
        GET /personuppgifter                                           | 200 200 200 200 200 200
        GET /sakerhetskopior                                           | in 403 403 403 403 200
        POST /sakerhetskopior?handler=Take                             | in 403 403 403 403 302
        GET /sammanstallningar                                         | in 403 200 200 200 403
        GET /sammanstallningar/ny                                      | in 403 200 403 403 403
        POST /sammanstallningar/ny                                     | in 403 200 403 403 403
        GET /sammanstallningar/{id:int}                                | in 404 200 200 200 404 | in 404 404 404 404 404
        GET /sammanstallningar/{id:int}?handler=Csv                    | in 404 404 404 404 404 | in 404 404 404 404 404
        GET /sammanstallningar/{id:int}?handler=Pdf                    | in 404 404 404 404 404 | in 404 404 404 404 404
        GET /sammanstallningar/{id:int}?handler=Xlsx                   | in 404 404 404 404 404 | in 404 404 404 404 404
        GET /systemfel                                                 | in 403 200 200 200 403
        GET /systemfel/ny                                              | in 403 200 403 403 403
        POST /systemfel/ny                                             | in 403 200 403 403 403
        GET /systemfel/{id:int}                                        | in 404 200 200 200 404 | in 404 404 404 404 404
        POST /systemfel/{id:int}?handler=Agenda                        | in 404 200 403 403 404 | in 404 404 404 404 404
        POST /systemfel/{id:int}?handler=Escalate                      | in 404 200 403 403 404 | in 404 404 404 404 404
        POST /systemfel/{id:int}?handler=Link                          | in 404 200 403 403 404 | in 404 404 404 404 404
        POST /systemfel/{id:int}?handler=Step                          | in 404 200 403 403 404 | in 404 404 404 404 404
        POST /systemfel/{id:int}?handler=Unlink                        | in 404 404 403 403 404 | in 404 404 404 404 404
        GET /systemfel/{id:int}/redigera                               | in 403 200 403 403 403 | in 403 404 403 403 403
        POST /systemfel/{id:int}/redigera                              | in 403 200 403 403 403 | in 403 404 403 403 403
        GET /test/klocka                                               | in 403 403 403 403 200
        POST /test/klocka                                              | in 403 403 403 403 302
        GET /tillganglighet                                            | 200 200 200 200 200 200
        GET /utlamnanden                                               | in 403 200 403 403 200
        GET /utlamnanden/ny                                            | in 403 200 403 403 200
        POST /utlamnanden/ny                                           | in 403 200 403 403 200
        GET /utlamnanden/{id:int}                                      | in 403 200 403 403 200 | in 403 404 403 403 200
        GET /utlamnanden/{id:int}?handler=Copy                         | in 403 404 403 403 404 | in 403 404 403 403 404
        GET /utlamnanden/{id:int}?handler=Letter                       | in 403 404 403 403 404 | in 403 404 403 403 404
        POST /utlamnanden/{id:int}?handler=AddCase                     | in 403 200 403 403 200 | in 403 404 403 403 200
        POST /utlamnanden/{id:int}?handler=AddMask                     | in 403 404 403 403 404 | in 403 404 403 403 404
        POST /utlamnanden/{id:int}?handler=RemoveCase                  | in 403 404 403 403 404 | in 403 404 403 403 404
        POST /utlamnanden/{id:int}?handler=RemoveMask                  | in 403 404 403 403 404 | in 403 404 403 403 404
        GET /utlamnanden/{id:int}/beslut                               | in 403 200 403 403 200 | in 403 404 403 403 200
        POST /utlamnanden/{id:int}/beslut                              | in 403 200 403 403 200 | in 403 404 403 403 200
        GET /utskick                                                   | in 403 403 403 403 200
        POST /utskick?handler=Resend                                   | in 403 403 403 403 404
        """;

    [Fact]
    public async Task Every_page_and_handler_answers_each_role_and_förbund_as_the_table_says_and_a_refused_post_changes_nothing()
    {
        using var app = new AppFactory();
        var matrix = new AuthorizationMatrix(app);
        await matrix.PrepareAsync();
        var failures = await matrix.RunAsync(ExpectedRow.Parse(Table));
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task An_unprotected_page_in_the_app_makes_the_matrix_fail()
    {
        using var app = AppFactory.WithHost(host => host.ConfigureServices(services =>
            services.AddRazorPages().AddApplicationPart(typeof(LexHeller.TestPages.Pages.UnprotectedModel).Assembly)));
        var matrix = new AuthorizationMatrix(app);
        await matrix.PrepareAsync();

        // Without a row the page is named as missing.
        var unlisted = await matrix.RunAsync(ExpectedRow.Parse(Table), only: e => e.Route.StartsWith("/test/oskyddad"));
        Assert.Contains(unlisted, f => f.StartsWith("GET /test/oskyddad/{id:int}: no row in the table"));

        // With the row such a page should have (a case page: the reporter, the kansli and BUG see their förbund's
        // case, nobody sees another förbund's), anonymous access to any case is reported.
        var rows = Table + """

            GET /test/oskyddad/{id:int}                  | in 200 200 200 404 404 | in 404 404 404 404 404
            POST /test/oskyddad/{id:int}?handler=Forget  | in 404 404 404 404 404 | in 404 404 404 404 404
            """;
        var failures = await matrix.RunAsync(ExpectedRow.Parse(rows), only: e => e.Route.StartsWith("/test/oskyddad"));
        Assert.Contains("GET /test/oskyddad/{id:int} as Anonymous (own förbund, ", string.Join('\n', failures));
        Assert.Contains(failures, f => f.Contains("as Anonymous (other förbund") && f.EndsWith(": 200, expected in"));
        Assert.Contains(failures, f => f.Contains("as Styrelse (own förbund") && f.EndsWith(": 200, expected 404"));
        // Its POST answers 404 as the row says, but it wrote to the database first.
        Assert.Contains("POST /test/oskyddad/{id:int}?handler=Forget as Kansli (own förbund): refused with 404 but the database changed (AspNetUsers)", failures);
    }
}
