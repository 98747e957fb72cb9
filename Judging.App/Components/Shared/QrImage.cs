namespace Judging.App.Components.Shared;

using QRCoder;

/// <summary>The QR codes printed on judge cards, submission-link sheets and ballot cards: one PNG, medium error correction.</summary>
public static class QrImage
{
    /// <summary>A PNG of <paramref name="text"/> as a base64 string for a <c>data:image/png</c> URL; <paramref name="pixelsPerModule"/> px per module.</summary>
    public static string PngBase64(string text, int pixelsPerModule)
    {
        using var gen = new QRCodeGenerator();
        using var data = gen.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(pixelsPerModule));
    }
}
