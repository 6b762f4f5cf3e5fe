using OtpNet;

namespace LexHeller.Testing;

/// <summary>Computes the code an authenticator app would show, as a person's phone would.</summary>
public static class Totp
{
    public static string Code(string base32Secret, DateTimeOffset? at = null) =>
        new OtpNet.Totp(Base32Encoding.ToBytes(base32Secret.Replace(" ", "").ToUpperInvariant()))
            .ComputeTotp((at ?? DateTimeOffset.UtcNow).UtcDateTime);
}
