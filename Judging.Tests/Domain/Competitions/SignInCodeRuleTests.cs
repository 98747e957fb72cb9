namespace Judging.Tests.Domain.Competitions;

using Judging.Domain.Competitions;

/// <summary>
/// Issue 10, item 7: a sign-in code an organiser imports must not be guessable: at least 8 characters, letters and digits
/// (an alphabet of at least ~30 symbols), no repeated or sequential runs.
/// </summary>
public sealed class SignInCodeRuleTests
{
    [Theory]
    [InlineData("K7PD2QXM")]
    [InlineData("WXVM8T3K")]
    [InlineData("ab3kq9zt")]
    [InlineData("Q7DEAWPH2")]
    public void A_random_mixed_code_is_strong(string code) => Assert.Null(SignInCodeRule.Weakness(code));

    [Theory]
    [InlineData("K7PD2Q", "至少 8 位")]            // 6 characters
    [InlineData("83920571", "字母和数字")]          // digits only: 10 symbols
    [InlineData("QWPKZMRT", "字母和数字")]          // letters only: 26 symbols
    [InlineData("K7K7K7K7", "重复")]                // two symbols repeated
    [InlineData("KP7QQQ2M", "重复")]                // QQQ
    [InlineData("K2345PQZ", "连续")]                // 2345
    [InlineData("PZYXW7KM", "连续")]                // ZYXW, descending
    [InlineData("K7PD-2QX", "字母或数字")]          // not alphanumeric
    [InlineData("K7PD2QXMK7PD2", "8–12")]           // 13 characters
    public void A_weak_code_is_refused_saying_why(string code, string why) =>
        Assert.Contains(why, SignInCodeRule.Weakness(code)?.ToString());

    [Fact]
    public void Generated_codes_are_always_strong()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => SignInCodeRule.Generate()).ToList();
        Assert.All(codes, c => Assert.Null(SignInCodeRule.Weakness(c)));
        Assert.All(codes, c => Assert.Equal(SignInCodeRule.GeneratedLength, c.Length));
        Assert.True(codes.Distinct().Count() > 1990);
    }
}
