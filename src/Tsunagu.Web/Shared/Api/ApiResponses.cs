using Microsoft.AspNetCore.Mvc;

namespace Tsunagu.Web.Shared.Api;

/// <summary>Declares an endpoint's answers in the OpenAPI document with the words a reader needs, not only a status code.</summary>
public static class ApiResponses
{
    /// <summary>A success with its body: <c>.Answers&lt;RegistrationJson&gt;(201, "Registered.")</c>.</summary>
    public static RouteHandlerBuilder Answers<T>(this RouteHandlerBuilder builder, int status, string description) =>
        builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(T), ["application/json"]) { Description = description });

    /// <summary>An error the endpoint gives itself, as problem details (RFC 9457): <c>.ProducesProblemFor(409, "Already registered.")</c>.</summary>
    public static RouteHandlerBuilder ProducesProblemFor(this RouteHandlerBuilder builder, int status, string description) =>
        builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), [ApiDocument.ProblemJson]) { Description = description });

    /// <summary>A rule broken, with the fields in <c>errors</c> (RFC 9457 problem details with an extension).</summary>
    public static RouteHandlerBuilder ProducesValidationProblemFor(this RouteHandlerBuilder builder, int status, string description) =>
        builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(HttpValidationProblemDetails), [ApiDocument.ProblemJson]) { Description = description });
}
