namespace LexHeller.Web.Setup;

/// <summary>A configuration fault that stops the app with one Swedish line for the operator.</summary>
public sealed class StartupException(string message) : Exception(message);
