using System.Text;
using LexHeller.Core.Cases;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Web.Tests.Inbox;

/// <summary>Whatever someone types in a search box, the full-text query built from it is one FTS5 accepts.</summary>
public class SearchQueryTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Every_character_alone_and_inside_a_word_makes_a_query_fts5_accepts()
    {
        var texts = new List<string>();
        for (var c = 0; c < 0x3100; c++)
        {
            if (char.IsSurrogate((char)c)) continue;
            var s = ((char)c).ToString();
            texts.Add(s);
            texts.Add($"ärende{s}x lång{s}");
        }
        texts.AddRange(["\"", "\"\"", "\"*", "-", "*", "^", "+", "NEAR(a b)", "a OR", "AND", "NOT b", "{Body}: x", "\uFEFF", "\U0001F642", "\uFFFF", "\uD800x"]);

        var failures = new List<string>();
        await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<LexHeller.Core.Data.LexHellerDb>();
            foreach (var text in texts)
            {
                if (CaseSearch.ToMatchQuery(text) is not { } match) continue;
                try { await CaseSearch.Matching(db, match).Take(1).ToListAsync(); }
                catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException)
                {
                    failures.Add($"{Escape(text)} → {match}: {e.Message}");
                }
            }
        });
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    [Theory]
    [InlineData("LH-INS", "\"LH INS\"*")]
    [InlineData("bostad, arbete", "\"bostad\"* AND \"arbete\"*")]
    [InlineData("a\u0000b", "\"a b\"*")]
    [InlineData("- – —", null)]
    public void Words_keep_their_letters_and_digits(string text, string? query) => Assert.Equal(query, CaseSearch.ToMatchQuery(text));

    private static string Escape(string text) =>
        string.Concat(text.Select(c => c < 0x20 || c > 0x7e ? $"\\u{(int)c:X4}" : c.ToString()));
}
