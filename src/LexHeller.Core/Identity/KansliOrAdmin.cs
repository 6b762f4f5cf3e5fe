namespace LexHeller.Core.Identity;

/// <summary>
/// Who administers users: an administrator, in every förbund; a kansli, only in the förbund it works in
/// (<see cref="CurrentForbundId"/>, which a kansli always has).
/// </summary>
public sealed record KansliOrAdmin(string UserId, string FullName, bool IsAdministrator, int? CurrentForbundId, string? CurrentForbundName);
