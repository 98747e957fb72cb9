namespace Judging.App.FilmVoting;

using System.Security.Cryptography;
using System.Text;
using Judging.App.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Keys of the public vote, derived from one random 32-byte master secret kept in the <c>VotingSecrets</c> table,
/// protected with ASP.NET Core data protection (keys under <c>Judging:DataProtectionKeysPath</c>): the voter cookie's
/// HMAC key, the phone pepper, the one-time-code key, the venue vote's ballot-code key, the key signing votes forwarded
/// between instances and the key of the voters' pseudonyms in the verifiable tally. Losing the data-protection keys loses the secret: voter cookies
/// become invalid and the same phone gets a new voter identity (its votes stay).
/// </summary>
public sealed class VotingKeys(IDbContextFactory<JudgingDb> factory, IDataProtectionProvider protection)
{
    private readonly Lock gate = new();
    private (byte[] Cookie, byte[] Phone, byte[] Code, byte[] Ballot, byte[] Forward, byte[] Tally)? keys;

    /// <summary>HMAC-SHA256 key of the voter cookie (32 bytes).</summary>
    public byte[] CookieKey => Get().Cookie;

    /// <summary>HMAC-SHA256 key for phone hashes (the pepper, 32 bytes).</summary>
    public byte[] PhoneKey => Get().Phone;

    /// <summary>HMAC-SHA256 key for one-time code hashes (32 bytes).</summary>
    public byte[] CodeKey => Get().Code;

    /// <summary>HMAC-SHA256 key the venue vote's printed ballot codes are derived from (32 bytes; issue 10, item 3).</summary>
    public byte[] BallotKey => Get().Ballot;

    /// <summary>HMAC-SHA256 key signing votes forwarded between app instances (32 bytes; <see cref="FilmVotes"/>).</summary>
    public byte[] ForwardKey => Get().Forward;

    /// <summary>HMAC-SHA256 key of the voters' pseudonyms in the verifiable tally (32 bytes; issue 14, §2; <see cref="global::Judging.App.Tally.TallyLedger.Pseudonym"/>).</summary>
    public byte[] TallyKey => Get().Tally;

    /// <summary>Hex HMAC-SHA256 (64 uppercase) of a phone number with the pepper.</summary>
    public string HashPhone(string phone) => Convert.ToHexString(HMACSHA256.HashData(PhoneKey, Encoding.ASCII.GetBytes(phone)));

    private (byte[] Cookie, byte[] Phone, byte[] Code, byte[] Ballot, byte[] Forward, byte[] Tally) Get()
    {
        if (keys is { } k) return k;
        lock (gate)
        {
            if (keys is { } k2) return k2;
            var protector = protection.CreateProtector("Judging.Voting.MasterSecret");
            using var db = factory.CreateDbContext();
            var row = db.Set<VotingSecret>().AsNoTracking().FirstOrDefault(x => x.Id == 1);
            if (row is null)
            {
                db.Add(new VotingSecret { Id = 1, Protected = protector.Protect(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))) });
                try { db.SaveChanges(); }
                catch (DbUpdateException) { /* another instance created it first */ }
                row = db.Set<VotingSecret>().AsNoTracking().First(x => x.Id == 1);
            }
            var master = Convert.FromBase64String(protector.Unprotect(row.Protected));
            keys = (Derive(master, "voter-cookie"), Derive(master, "phone"), Derive(master, "code"), Derive(master, "audience-ballot"),
                Derive(master, "instance-forward"), Derive(master, "tally-voter"));
            return keys.Value;
        }
    }

    private static byte[] Derive(byte[] master, string purpose) => HMACSHA256.HashData(master, Encoding.ASCII.GetBytes(purpose));
}
