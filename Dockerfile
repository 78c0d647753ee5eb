# Build stage: Maven with Java 17 builds the one runnable jar.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
# config/ and seeds/ are also built into the jar, as the fallback when neither is found beside it.
COPY src src
COPY config config
COPY seeds seeds
RUN mvn -B -q package -DskipTests

# Runtime stage: a Java 17 JRE, a non-root user, the data folder as a volume.
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --create-home --home-dir /app paperscout
WORKDIR /app
COPY --from=build /src/target/paperscout.jar /app/paperscout.jar
COPY config /app/config
COPY seeds /app/seeds
RUN mkdir -p /app/data && chown -R paperscout:paperscout /app/data
USER paperscout
ENV PAPERSCOUT_DATA_DIR=/app/data
# Metrics and health on 127.0.0.1:9400 inside the container; set PAPERSCOUT_METRICS_HOST=0.0.0.0 to let
# Prometheus in from outside.
ENV PAPERSCOUT_METRICS_PORT=9400
EXPOSE 9400
HEALTHCHECK --interval=30s --timeout=10s --start-period=180s --retries=3 \
  CMD ["java", "-cp", "/app/paperscout.jar", "org.paperscout.ops.ReadyProbe", "http://127.0.0.1:9400/readyz"]
VOLUME ["/app/data"]
# DISCORD_TOKEN comes from the environment at run time only (docker run -e DISCORD_TOKEN=...); never baked in.
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/paperscout.jar"]
CMD ["run"]
