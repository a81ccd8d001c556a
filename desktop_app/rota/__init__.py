"""轮值排班 as pure functions: the official holidays, the rota generator, attendance."""
