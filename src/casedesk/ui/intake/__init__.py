"""The intake window and its nine steps, and the models and ports behind them."""
