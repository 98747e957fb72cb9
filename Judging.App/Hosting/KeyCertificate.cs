namespace Judging.App.Hosting;

using System.Security.Cryptography.X509Certificates;

/// <summary>
/// The certificate that encrypts the data-protection keys at rest (issue 10, item 14), section
/// <c>Judging:DataProtection</c>: <c>CertificatePath</c> (a PKCS#12 .pfx with its private key; relative to the root) and
/// <c>CertificatePassword</c>. Unset: the keys are stored unencrypted in mode-600 files (the key folder is the secret).
/// The same certificate must be configured on every start (and on every instance sharing the keys), or sign-in cookies,
/// voter cookies and the voting secret cannot be read.
/// </summary>
public static class KeyCertificate
{
    /// <summary>The configured certificate, or null when none is configured. Throws when the file cannot be read.</summary>
    public static X509Certificate2? Load(string root, IConfiguration config)
    {
        var path = config["Judging:DataProtection:CertificatePath"];
        if (string.IsNullOrWhiteSpace(path)) return null;
        path = Path.Combine(root, path);
        var cert = X509CertificateLoader.LoadPkcs12FromFile(path, config["Judging:DataProtection:CertificatePassword"], X509KeyStorageFlags.EphemeralKeySet);
        if (!cert.HasPrivateKey) throw new InvalidOperationException($"Judging:DataProtection:CertificatePath {path}: the certificate has no private key");
        return cert;
    }
}
