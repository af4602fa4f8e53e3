"""`python -m presslens.framing`: refit the frames' decision rules on the coded articles and store
them beside `frames.yaml` (`frames_calibration.yaml`)."""

from .calibrate import main

main()
