"""Live learning sessions: a facilitator runs a planned learning event in the browser and
practitioners join from a phone or laptop. `records` keeps the session in the journal,
`actions` are what people do, `room` writes them and tells every screen, `views` are what each
screen shows, `app` serves it (Starlette) and `serve` starts it."""
