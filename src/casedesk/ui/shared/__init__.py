"""What every screen uses: tables, date input, error boxes, fitting the screen, help, wording."""
