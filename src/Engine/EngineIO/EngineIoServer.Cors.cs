using System.Text;
using SocketIo.Engine.Http;
using SocketIo.Protocol.Http;

namespace SocketIo.Engine.EngineIO;

internal sealed partial class EngineIoServer
{
    /// <summary>Adds the CORS headers of a normal response (PROTOCOL.md 1.11); nothing when CORS is off.</summary>
    internal void AddCorsHeaders(HttpContext context)
    {
        if (Options.Cors is not { } cors)
        {
            return;
        }

        var request = context.Request;
        var hasOrigin = request.TryGetValue(HttpKnownHeader.Origin, out var origin);
        if (cors.Origin == "*")
        {
            if (cors.Credentials && hasOrigin)
            {
                // Browsers refuse "*" with credentials, so the origin is echoed.
                context.AddHeader("Access-Control-Allow-Origin"u8, origin);
                context.AddHeader("Vary"u8, "Origin"u8);
            }
            else
            {
                context.AddHeader("Access-Control-Allow-Origin"u8, "*"u8);
            }
        }
        else if (cors.Origin is { } fixedOrigin)
        {
            context.AddHeader("Access-Control-Allow-Origin"u8, fixedOrigin);
            context.AddHeader("Vary"u8, "Origin"u8);
        }
        else
        {
            if (hasOrigin && IsAllowedOrigin(cors, Encoding.UTF8.GetString(origin)))
            {
                context.AddHeader("Access-Control-Allow-Origin"u8, origin);
            }

            context.AddHeader("Vary"u8, "Origin"u8);
        }

        if (cors.Credentials)
        {
            context.AddHeader("Access-Control-Allow-Credentials"u8, "true"u8);
        }

        if (cors.ExposedHeaders is { } exposed)
        {
            context.AddHeader("Access-Control-Expose-Headers"u8, exposed);
        }
    }

    /// <summary>Answers a preflight <c>OPTIONS</c>: 204, no body, the CORS headers plus methods, headers and max age.</summary>
    private void RespondPreflight(HttpContext context)
    {
        var cors = Options.Cors!;
        AddCorsHeaders(context);
        context.AddHeader("Access-Control-Allow-Methods"u8, cors.Methods);
        if (cors.AllowedHeaders is { } allowed)
        {
            context.AddHeader("Access-Control-Allow-Headers"u8, allowed);
        }
        else if (context.Request.TryGetValue(HttpKnownHeader.AccessControlRequestHeaders, out var requested))
        {
            context.AddHeader("Access-Control-Allow-Headers"u8, requested);
            context.AddHeader("Vary"u8, "Access-Control-Request-Headers"u8);
        }

        if (cors.MaxAgeSeconds is { } maxAge)
        {
            context.AddHeader("Access-Control-Max-Age"u8, maxAge);
        }

        context.AddHeader("Content-Length"u8, "0"u8);
        context.Respond(204, default, default);
    }

    private static bool IsAllowedOrigin(EngineIoCorsOptions cors, string origin) =>
        (cors.Origins is { } list && list.Contains(origin, StringComparer.Ordinal)) || (cors.OriginPredicate?.Invoke(origin) ?? false);
}
