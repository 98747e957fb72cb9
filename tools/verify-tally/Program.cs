namespace VerifyTally;

using System.Text;

/// <summary>dotnet run --project tools/verify-tally -- EXPORT.json [--head HEX] [--length N]   (docs/tally.md)</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        Console.OutputEncoding = Encoding.UTF8;
        return TallyVerifier.Run(args, Console.Out);
    }
}
