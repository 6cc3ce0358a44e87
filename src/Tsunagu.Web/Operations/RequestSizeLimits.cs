using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using BadHttpRequestException = Microsoft.AspNetCore.Http.BadHttpRequestException;

namespace Tsunagu.Web.Operations;

/// <summary>
/// How much one request may send: <see cref="Default"/> (every form and JSON body), unless its endpoint says more with
/// <c>[RequestSizeLimit]</c> (each page that takes a file, a little above the file's own limit so that a file just too
/// large gets the page's message beside its field). A request whose declared length is larger is answered 413 at once,
/// before anything reads its body: the error page says so in the person's language (problem details under /api/).
/// One sent without a length (chunked) has its form read here, and is refused the same way once it passes the limit.
/// </summary>
public static class RequestSizeLimits
{
    /// <summary>The longest form (a few texts of 14,000 characters, percent-encoded) is about 130 KB.</summary>
    public const long Default = 1024 * 1024;

    /// <summary>Kestrel's own limit, for a body read without this middleware's check (its default is 30 MB).</summary>
    public static void Configure(KestrelServerOptions kestrel) => kestrel.Limits.MaxRequestBodySize = Default;

    /// <summary>After routing (which sets the endpoint's limit on the server), before antiforgery and model binding read the form.</summary>
    public static IApplicationBuilder UseRequestSizeLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // The error page shown for a refused request reads nothing from it.
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            await next();
            return;
        }
        var request = context.Request;
        var metadata = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>();
        var limit = metadata is null ? Default : metadata.MaxRequestBodySize;
        if (request.ContentLength > limit)
        {
            Refuse(context);
            return;
        }
        if (request.ContentLength is null && limit is { } max && request.HasFormContentType && !await FormFitsAsync(context, max))
        {
            Refuse(context);
            return;
        }
        await next();
    });

    /// <summary>
    /// Reads the form of a request sent without a length (chunked), counting its body here rather than leaving that to the
    /// server: a server that stops a body itself closes the connection, and a client still sending then never reads the answer.
    /// </summary>
    private static async Task<bool> FormFitsAsync(HttpContext context, long limit)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = null;
        var body = context.Request.Body;
        context.Request.Body = new CountedBody(body, limit);
        try
        {
            await context.Request.ReadFormAsync(context.RequestAborted);
            return true;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return false;
        }
        finally
        {
            context.Request.Body = body;
        }
    }

    private static void Refuse(HttpContext context)
    {
        // Whatever answers (the error page) finds an empty form instead of reading this one.
        context.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
        // The server may then read and drop the rest of the body after answering, within its 5-second drain time, so a
        // browser still sending the file reads the answer instead of meeting a reset connection.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = null;
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
    }

    /// <summary>A request body that fails, as the server's own limit does, once more than the limit has been read from it.</summary>
    private sealed class CountedBody(Stream inner, long limit) : Stream
    {
        private long read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => Counted(await inner.ReadAsync(buffer, ct));

        private int Counted(int bytes)
        {
            read += bytes;
            return read > limit ? throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge) : bytes;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
