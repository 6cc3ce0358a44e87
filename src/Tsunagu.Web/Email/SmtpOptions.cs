namespace Tsunagu.Web.Email;

/// <summary>Tsunagu:Smtp. With no Host, mail stays in the outbox (readable by administrators in Development).</summary>
public class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public bool EnableSsl { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "no-reply@tsunagu.localhost";
    public string FromName { get; set; } = "つなぐ Tsunagu";
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
